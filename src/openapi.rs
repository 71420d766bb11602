//! The OpenAPI 3.1 description, generated from the handlers' annotations and served at
//! `/api/openapi.json`, with a browsable reference (Swagger UI, assets inside the binary) at
//! `/api/docs/`. Every operation also lists the contract's common error responses, and every error
//! response lists the codes it can answer in `x-error-codes`, read from the backticked codes of its
//! description and checked against the code table ([`crate::error::Code`], published whole as the
//! `ErrorCode` schema).

use utoipa::{
    openapi::{
        extensions::{Extensions, ExtensionsBuilder},
        path::{Operation, PathItem},
        security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
        ContentBuilder, OpenApi as OpenApiDoc, Ref, RefOr, ResponseBuilder,
    },
    Modify, OpenApi,
};

use crate::error::Code;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "qifu (企服) API",
        description = "Enterprise service matching and intermediary marketplace platform. Every error answers `{\"error\": {\"code\", \"message\", \"fields\"?}}` with a stable `code`.",
        license(name = "Apache-2.0")
    ),
    // Enums only query parameters refer to: utoipa does not collect those by itself.
    components(schemas(
        crate::error::ErrorBody,
        crate::error::Code,
        crate::enterprises::SizeClass,
        crate::enterprises::bulk::Format,
        crate::outbox::OutboxStatus,
        crate::search::DocKind
    )),
    tags(
        (name = "auth", description = "Sign-in, sessions and passwords"),
        (name = "accounts", description = "Registration, organisations and users"),
        (name = "audit", description = "The hash-chained audit log"),
        (name = "operations", description = "Health probes"),
        (name = "enterprises", description = "Enterprise profiles (企业画像), their history and tags"),
        (name = "tags", description = "The tag catalogue (标签) and manual tags"),
        (name = "conditions", description = "The condition language of tag rules and policy clauses"),
        (name = "policies", description = "Policies cut into clauses, matching and eligibility (政策计算器)"),
        (name = "applications", description = "Applications, automatic grants and payouts (申报, 免申即享, 兑付)"),
        (name = "services", description = "The value-added service store: catalogue, recommendations, orders (增值服务)"),
        (name = "credit", description = "Five-star credit of intermediaries: ratings (一事一评), scores and stars, the formula, credit files and the public disclosure (信用公示)"),
    )
)]
pub struct ApiDoc;

/// Adds the session security schemes and the common error responses to every operation, then the
/// `x-error-codes` of every error response. Runs on the finished document, after the routes have
/// contributed their paths.
pub fn complete(openapi: &mut OpenApiDoc) {
    SecurityAndErrors.modify(openapi);
    for item in openapi.paths.paths.values_mut() {
        for operation in operations(item) {
            for (status, response) in operation.responses.responses.iter_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                if !status.starts_with(['4', '5']) {
                    continue;
                }
                let codes: Vec<&str> = named_codes(&response.description)
                    .into_iter()
                    .flat_map(|name| name.codes())
                    .map(Code::as_str)
                    .collect();
                if !codes.is_empty() {
                    response
                        .extensions
                        .get_or_insert_with(Extensions::default)
                        .merge(ExtensionsBuilder::new().add("x-error-codes", codes).build());
                }
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// A code a response description names: `` `bid_after_deadline` ``, or a family such as
/// `` `condition_…` `` (every code with that prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamedCode<'a> {
    One(&'a str),
    Family(&'a str),
}

impl NamedCode<'_> {
    /// The table's codes it names; none when the table has no such code.
    pub fn codes(&self) -> Vec<Code> {
        match self {
            Self::One(name) => Code::named(name).collect(),
            Self::Family(prefix) => Code::ALL
                .iter()
                .copied()
                .filter(|c| c.as_str().starts_with(prefix))
                .collect(),
        }
    }
}

/// The backticked words of a description that have the shape of a code (snake_case, or a
/// snake_case prefix ending in `…`); other backticked text (`application/json`) is not a code.
pub fn named_codes(description: &str) -> Vec<NamedCode<'_>> {
    let is_code = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    };
    description
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|word| match word.strip_suffix('…') {
            Some(prefix) if is_code(prefix) => Some(NamedCode::Family(prefix)),
            None if is_code(word) => Some(NamedCode::One(word)),
            _ => None,
        })
        .collect()
}

struct SecurityAndErrors;

impl Modify for SecurityAndErrors {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "session",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
            components.add_security_scheme(
                "session_cookie",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("qifu_session"))),
            );
        }
        for item in openapi.paths.paths.values_mut() {
            for operation in operations(item) {
                let secured = operation.security.is_some();
                let has_body = operation.request_body.is_some();
                let mut common = vec![
                    ("400", "Bad input: `malformed_json`, `invalid_body`, `invalid_query`, `invalid_path`, `validation_failed`"),
                    ("413", "`payload_too_large`"),
                    ("500", "`internal_error`"),
                ];
                if has_body {
                    common.push((
                        "415",
                        "`unsupported_media_type`: the body must be `application/json`",
                    ));
                }
                if secured {
                    common.push(("401", "`unauthenticated` or `session_expired`"));
                    common.push(("403", "`forbidden` (wrong role), `csrf_failed`, or `organisation_pending` / `organisation_rejected` (the centre has not approved the caller's organisation)"));
                }
                for (status, description) in common {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| error_response(description).into());
                }
            }
        }
    }
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_name_codes_and_code_families_but_not_other_backticked_text() {
        let named = named_codes(
            "`unsupported_media_type`: the body must be `application/json`; a `condition_…` code",
        );
        assert_eq!(
            named,
            [
                NamedCode::One("unsupported_media_type"),
                NamedCode::Family("condition_")
            ]
        );
        assert!(named[1].codes().contains(&Code::ConditionSyntax));
        assert!(NamedCode::One("no_such_code").codes().is_empty());
    }
}
