//! Message templates (minijinja), one text and one HTML file per event and locale, compiled into
//! the binary. The text file's `subject` and `body` blocks give the subject and plain-text part;
//! the HTML file extends `layout.html` and is auto-escaped.

use std::sync::LazyLock;

use minijinja::{context, Environment};

use super::model::{Event, Rendered};
use crate::accounts::Locale;

macro_rules! templates {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("templates/", $name)))),+]
    };
}

const TEMPLATES: &[(&str, &str)] = templates!(
    "layout.html",
    "registration_submitted.zh-CN.txt",
    "registration_submitted.en.txt",
    "registration_submitted.zh-CN.html",
    "registration_submitted.en.html",
    "registration_approved.zh-CN.txt",
    "registration_approved.en.txt",
    "registration_approved.zh-CN.html",
    "registration_approved.en.html",
    "registration_rejected.zh-CN.txt",
    "registration_rejected.en.txt",
    "registration_rejected.zh-CN.html",
    "registration_rejected.en.html",
    "policy_matched.zh-CN.txt",
    "policy_matched.en.txt",
    "policy_matched.zh-CN.html",
    "policy_matched.en.html",
    "application_decided.zh-CN.txt",
    "application_decided.en.txt",
    "application_decided.zh-CN.html",
    "application_decided.en.html",
    "qualification_checked.zh-CN.txt",
    "qualification_checked.en.txt",
    "qualification_checked.zh-CN.html",
    "qualification_checked.en.html",
    "procurement_published.zh-CN.txt",
    "procurement_published.en.txt",
    "procurement_published.zh-CN.html",
    "procurement_published.en.html",
    "procurement_updated.zh-CN.txt",
    "procurement_updated.en.txt",
    "procurement_updated.zh-CN.html",
    "procurement_updated.en.html",
    "rating_requested.zh-CN.txt",
    "rating_requested.en.txt",
    "rating_requested.zh-CN.html",
    "rating_requested.en.html",
    "credit_changed.zh-CN.txt",
    "credit_changed.en.txt",
    "credit_changed.zh-CN.html",
    "credit_changed.en.html",
    "sanction_updated.zh-CN.txt",
    "sanction_updated.en.txt",
    "sanction_updated.zh-CN.html",
    "sanction_updated.en.html",
    "appeal_decided.zh-CN.txt",
    "appeal_decided.en.txt",
    "appeal_decided.zh-CN.html",
    "appeal_decided.en.html",
    "credit_review.zh-CN.txt",
    "credit_review.en.txt",
    "credit_review.zh-CN.html",
    "credit_review.en.html",
    "service_ordered.zh-CN.txt",
    "service_ordered.en.txt",
    "service_ordered.zh-CN.html",
    "service_ordered.en.html",
    "service_order_updated.zh-CN.txt",
    "service_order_updated.en.txt",
    "service_order_updated.zh-CN.html",
    "service_order_updated.en.html",
);

/// The templates for in-app notifications: they are compiled in and need no configuration (links
/// stay relative), so any service can render its inbox rows with nothing but its transaction.
pub fn in_app() -> Result<&'static Templates, String> {
    static IN_APP: LazyLock<Result<Templates, String>> =
        LazyLock::new(|| Templates::load("").map_err(|e| format!("{e:#}")));
    IN_APP.as_ref().map_err(Clone::clone)
}

/// The loaded templates.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Prefixed to relative links in e-mails, e.g. `https://qifu.example.gov.cn`.
    public_url: String,
}

impl Templates {
    /// Loads every template and checks that each event has all its files.
    pub fn load(public_url: &str) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)?;
        }
        let templates = Self {
            env,
            public_url: public_url.trim_end_matches('/').to_owned(),
        };
        for event in Event::ALL {
            for locale in Locale::ALL {
                templates.render(*event, *locale, &serde_json::json!({}), None)?;
            }
        }
        Ok(templates)
    }

    /// Renders an event's subject, text and HTML in one language.
    pub fn render(
        &self,
        event: Event,
        locale: Locale,
        params: &serde_json::Value,
        link: Option<&str>,
    ) -> anyhow::Result<Rendered> {
        let base = format!("{}.{}", event.as_str(), locale.as_str());
        let (product, footer, open_label) = match locale {
            Locale::ZhCn => (
                "企服平台",
                "此邮件由企服平台自动发送，请勿直接回复。",
                "在平台中查看",
            ),
            Locale::En => (
                "qifu",
                "Sent automatically by qifu; please do not reply.",
                "Open in qifu",
            ),
        };
        let link = link.map(|l| format!("{}{l}", self.public_url));
        let ctx = context! {
            locale => locale.as_str(), product, footer, open_label, link,
            ..minijinja::Value::from(minijinja::value::Serde(params))
        };
        let text = self.env.get_template(&format!("{base}.txt"))?;
        let mut state = text.render_captured(ctx.clone())?;
        let subject = state.with_state_mut(|s| s.render_block("subject"))?;
        let body = state.with_state_mut(|s| s.render_block("body"))?;
        let html = self
            .env
            .get_template(&format!("{base}.html"))?
            .render(ctx)?;
        Ok(Rendered {
            subject: subject.trim().to_owned(),
            text: body.trim().to_owned(),
            html,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_renders_in_both_languages_with_escaped_html() {
        let templates = Templates::load("https://qifu.example.gov.cn/").unwrap();
        let params =
            serde_json::json!({ "organisation": "A&B <咨询>", "uscc": "X", "reason": "ok" });
        let zh = templates
            .render(
                Event::RegistrationApproved,
                Locale::ZhCn,
                &params,
                Some("/home"),
            )
            .unwrap();
        assert_eq!(zh.subject, "入驻申请已通过：A&B <咨询>");
        assert!(zh.text.contains("审核意见：ok"));
        assert!(zh.html.contains("A&amp;B &lt;咨询&gt;"));
        // Auto-escaping writes `/` as `&#x2f;`, which browsers read back as `/`.
        assert!(zh
            .html
            .contains("href=\"https:&#x2f;&#x2f;qifu.example.gov.cn&#x2f;home\""));
        let en = templates
            .render(Event::RegistrationRejected, Locale::En, &params, None)
            .unwrap();
        assert!(en.subject.starts_with("Registration not approved"));
    }
}
