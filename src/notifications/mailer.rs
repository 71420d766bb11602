//! E-mail transports (lettre), chosen by `email.transport`: `smtp` for production, `file` (the
//! embedded default: each message an `.eml` file under `<data_dir>/outbox/`), and `recording`
//! (lettre's stub transport, keeping messages in memory for tests).

use lettre::{
    message::{Mailbox, MultiPart},
    transport::{smtp::authentication::Credentials, stub::AsyncStubTransport},
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use serde::{Deserialize, Serialize};

use crate::configuration::{EmailSettings, EmailTransport, SmtpSecurity};

/// One e-mail as the outbox stores it: rendered, ready to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailPayload {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
    Recording(AsyncStubTransport),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Smtp(_) => "Mailer::Smtp",
            Self::File(_) => "Mailer::File",
            Self::Recording(_) => "Mailer::Recording",
        })
    }
}

impl Mailer {
    pub fn from_settings(
        settings: &EmailSettings,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        Ok(match settings.transport {
            EmailTransport::Recording => Self::Recording(AsyncStubTransport::new_ok()),
            EmailTransport::File => {
                let dir = data_dir.join("outbox");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| anyhow::anyhow!("creating {}: {e}", dir.display()))?;
                Self::File(AsyncFileTransport::new(dir))
            }
            EmailTransport::Smtp => {
                let smtp = &settings.smtp;
                let mut builder = match smtp.security {
                    SmtpSecurity::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
                    }
                    SmtpSecurity::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?
                    }
                    SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
                }
                .port(smtp.port)
                .timeout(Some(std::time::Duration::from_secs(smtp.timeout_seconds)));
                if !smtp.username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        smtp.username.clone(),
                        smtp.password.clone(),
                    ));
                }
                Self::Smtp(builder.build())
            }
        })
    }

    /// Builds the multipart (text + HTML) message and hands it to the transport.
    pub async fn send(&self, from: &str, email: &EmailPayload) -> anyhow::Result<()> {
        let from: Mailbox = from.parse()?;
        let to = Mailbox::new(Some(email.to_name.clone()), email.to.parse()?);
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(email.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                email.html.clone(),
            ))?;
        match self {
            Self::Smtp(transport) => transport.send(message).await.map(|_| ())?,
            Self::File(transport) => transport.send(message).await.map(|_| ())?,
            Self::Recording(transport) => transport.send(message).await.map(|_| ())?,
        }
        Ok(())
    }

    /// The messages a recording transport has kept, as raw RFC 5322 text (empty otherwise).
    pub async fn recorded(&self) -> Vec<String> {
        match self {
            Self::Recording(transport) => transport
                .messages()
                .await
                .into_iter()
                .map(|(_, raw)| raw)
                .collect(),
            _ => Vec::new(),
        }
    }
}
