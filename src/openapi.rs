//! The OpenAPI 3.1 description, generated from the handlers' annotations and served at
//! `/api/openapi.json`, with a browsable reference (Swagger UI, assets inside the binary) at
//! `/api/docs/`. Every operation also lists the contract's common error responses.

use utoipa::{
    openapi::{
        security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
        ContentBuilder, OpenApi as OpenApiDoc, Ref, ResponseBuilder,
    },
    Modify, OpenApi,
};

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
        crate::enterprises::SizeClass,
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
    )
)]
pub struct ApiDoc;

/// Adds the session security schemes and the common error responses to every operation. Runs on
/// the finished document, after the routes have contributed their paths.
pub fn complete(openapi: &mut OpenApiDoc) {
    SecurityAndErrors.modify(openapi);
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
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
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
