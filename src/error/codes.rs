//! The code table: every error code the API can answer, declared once with its HTTP status.
//!
//! One row per condition, in the style of Meilisearch's `make_error_codes!`: the variant, the
//! stable snake_case string clients see (never change one: the front end and other clients
//! translate by it) and the status. The status follows the house rule: 400 bad input, 401 not
//! signed in, 403 wrong role or not yours, 404 missing, 409 conflict or wrong state, 413/415 body
//! refused, 422 business-rule refusal, 429 throttled, 500 opaque, 503 unavailable. To add a code,
//! add a row here, then regenerate the front end's list (see the README's error section) and give
//! the code a message in both languages.

use actix_web::http::StatusCode;

macro_rules! make_error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal => $status:ident;)*) => {
        /// Every error code of the API contract, with its one HTTP status.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable string clients see in `error.code`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The HTTP status every answer with this code has.
            pub fn status(self) -> StatusCode {
                match self {
                    $(Code::$variant => StatusCode::$status,)*
                }
            }
        }
    };
}

make_error_codes! {
    // The contract: extractors, routing and the server itself.
    ValidationFailed = "validation_failed" => BAD_REQUEST;
    MalformedJson = "malformed_json" => BAD_REQUEST;
    InvalidBody = "invalid_body" => BAD_REQUEST;
    InvalidQuery = "invalid_query" => BAD_REQUEST;
    InvalidPath = "invalid_path" => BAD_REQUEST;
    PayloadTooLarge = "payload_too_large" => PAYLOAD_TOO_LARGE;
    UnsupportedMediaType = "unsupported_media_type" => UNSUPPORTED_MEDIA_TYPE;
    RouteNotFound = "route_not_found" => NOT_FOUND;
    /// The record the path names does not exist, or is not the caller's to know about.
    NotFound = "not_found" => NOT_FOUND;
    /// The request body names a record that does not exist (the field is in `fields`). Answers
    /// `not_found` with 400 because clients and tests rely on it; the one string with two
    /// statuses, and a candidate for its own code (`reference_not_found`).
    ReferenceNotFound = "not_found" => BAD_REQUEST;
    InvalidState = "invalid_state" => CONFLICT;
    NotAllowed = "not_allowed" => UNPROCESSABLE_ENTITY;
    InternalError = "internal_error" => INTERNAL_SERVER_ERROR;
    DatabaseUnavailable = "database_unavailable" => SERVICE_UNAVAILABLE;

    // Signing in and sessions.
    Unauthenticated = "unauthenticated" => UNAUTHORIZED;
    SessionExpired = "session_expired" => UNAUTHORIZED;
    InvalidCredentials = "invalid_credentials" => UNAUTHORIZED;
    MetricsTokenRequired = "metrics_token_required" => UNAUTHORIZED;
    Forbidden = "forbidden" => FORBIDDEN;
    CsrfFailed = "csrf_failed" => FORBIDDEN;
    UserDisabled = "user_disabled" => FORBIDDEN;
    OrganisationPending = "organisation_pending" => FORBIDDEN;
    OrganisationRejected = "organisation_rejected" => FORBIDDEN;
    AccountLocked = "account_locked" => TOO_MANY_REQUESTS;
    TooManyAttempts = "too_many_attempts" => TOO_MANY_REQUESTS;
    WrongPassword = "wrong_password" => BAD_REQUEST;
    WeakPassword = "weak_password" => BAD_REQUEST;

    // Accounts.
    UsccLength = "uscc_length" => BAD_REQUEST;
    UsccCharacter = "uscc_character" => BAD_REQUEST;
    UsccCheckCharacter = "uscc_check_character" => BAD_REQUEST;
    UsccTaken = "uscc_taken" => CONFLICT;
    EmailTaken = "email_taken" => CONFLICT;
    RoleNotAllowedForOrganisation = "role_not_allowed_for_organisation" => UNPROCESSABLE_ENTITY;

    // Files.
    FileMissing = "file_missing" => BAD_REQUEST;
    FileTooLarge = "file_too_large" => PAYLOAD_TOO_LARGE;
    FileTypeNotAllowed = "file_type_not_allowed" => UNSUPPORTED_MEDIA_TYPE;
    UploadInterrupted = "upload_interrupted" => BAD_REQUEST;
    UploadQuotaExceeded = "upload_quota_exceeded" => TOO_MANY_REQUESTS;
    FilePurposeMismatch = "file_purpose_mismatch" => BAD_REQUEST;
    FileAlreadyAttached = "file_already_attached" => CONFLICT;
    InvalidSignature = "invalid_signature" => FORBIDDEN;
    LinkExpired = "link_expired" => FORBIDDEN;

    // Scheduler and calendar.
    InvalidCron = "invalid_cron" => BAD_REQUEST;
    AlreadyClaimed = "already_claimed" => CONFLICT;
    ClockNotAdjustable = "clock_not_adjustable" => CONFLICT;
    CalendarMissing = "calendar_missing" => UNPROCESSABLE_ENTITY;
    DateOutsideYear = "date_outside_year" => BAD_REQUEST;

    // Enterprises, tags and conditions.
    ProfileAmountInvalid = "profile_amount_invalid" => BAD_REQUEST;
    ProfileEmployeesInvalid = "profile_employees_invalid" => BAD_REQUEST;
    ProfileFoundedOnInvalid = "profile_founded_on_invalid" => BAD_REQUEST;
    ProfileIndustryInvalid = "profile_industry_invalid" => BAD_REQUEST;
    ProfileQualificationDates = "profile_qualification_dates" => BAD_REQUEST;
    ProfileQualificationUnknown = "profile_qualification_unknown" => BAD_REQUEST;
    ProfileRegionInvalid = "profile_region_invalid" => BAD_REQUEST;
    ProfileTaxCreditGradeInvalid = "profile_tax_credit_grade_invalid" => BAD_REQUEST;
    ProfileVersionConflict = "profile_version_conflict" => CONFLICT;
    StatisticsRangeInvalid = "statistics_range_invalid" => BAD_REQUEST;
    CodeTaken = "code_taken" => CONFLICT;
    TagNotManual = "tag_not_manual" => UNPROCESSABLE_ENTITY;
    DimensionInUse = "dimension_in_use" => CONFLICT;
    QualificationAlreadyDecided = "qualification_already_decided" => CONFLICT;
    ConditionInvalid = "condition_invalid" => BAD_REQUEST;
    ConditionSyntax = "condition_syntax" => BAD_REQUEST;
    ConditionTooDeep = "condition_too_deep" => BAD_REQUEST;
    ConditionUnknownField = "condition_unknown_field" => BAD_REQUEST;
    ConditionUnknownOperator = "condition_unknown_operator" => BAD_REQUEST;
    ConditionOperatorMismatch = "condition_operator_mismatch" => BAD_REQUEST;
    ConditionValueType = "condition_value_type" => BAD_REQUEST;
    ConditionTagsNotAllowed = "condition_tags_not_allowed" => BAD_REQUEST;
    ConditionUnknownTag = "condition_unknown_tag" => BAD_REQUEST;
    ConditionUnknownQualification = "condition_unknown_qualification" => BAD_REQUEST;
    ImportUnreadable = "import_unreadable" => BAD_REQUEST;
    ImportMissingColumn = "import_missing_column" => BAD_REQUEST;
    ImportTooManyRows = "import_too_many_rows" => BAD_REQUEST;
    /// An all-or-nothing import found bad rows; the body also holds the `report`.
    ImportHasErrors = "import_has_errors" => UNPROCESSABLE_ENTITY;

    // Policies, clauses and applications.
    PolicyIssuerNotDepartment = "policy_issuer_not_department" => UNPROCESSABLE_ENTITY;
    PolicyDatesInvalid = "policy_dates_invalid" => BAD_REQUEST;
    ClauseAmountInvalid = "clause_amount_invalid" => BAD_REQUEST;
    ClauseWindowInvalid = "clause_window_invalid" => BAD_REQUEST;
    ClauseWrongState = "clause_wrong_state" => CONFLICT;
    ClauseModeMismatch = "clause_mode_mismatch" => UNPROCESSABLE_ENTITY;
    ApplicationAmountInvalid = "application_amount_invalid" => BAD_REQUEST;
    ApplicationMaterialsMissing = "application_materials_missing" => BAD_REQUEST;
    ApplicationWrongState = "application_wrong_state" => CONFLICT;
    ApplicationWindowClosed = "application_window_closed" => UNPROCESSABLE_ENTITY;
    ApplicationNotEligible = "application_not_eligible" => UNPROCESSABLE_ENTITY;
    ApplicationDuplicate = "application_duplicate" => CONFLICT;
    ReasonMissing = "reason_missing" => BAD_REQUEST;

    // The service store.
    ServiceUnknownTag = "service_unknown_tag" => BAD_REQUEST;
    ServiceProviderInvalid = "service_provider_invalid" => UNPROCESSABLE_ENTITY;
    ServiceInactive = "service_inactive" => UNPROCESSABLE_ENTITY;
    SectorNotEmpty = "sector_not_empty" => CONFLICT;
    OrderFilterInvalid = "order_filter_invalid" => BAD_REQUEST;
    OrderWrongState = "order_wrong_state" => CONFLICT;
    OrderDuplicate = "order_duplicate" => CONFLICT;
    OrderAlreadyRated = "order_already_rated" => CONFLICT;

    // The intermediary supermarket: catalogue, projects and procurements.
    QualificationTypeUnknown = "qualification_type_unknown" => BAD_REQUEST;
    QualificationLevelUnknown = "qualification_level_unknown" => BAD_REQUEST;
    FeeRangeInvalid = "fee_range_invalid" => BAD_REQUEST;
    ProjectCodeInvalid = "project_code_invalid" => BAD_REQUEST;
    ProjectCodeTaken = "project_code_taken" => CONFLICT;
    DivisionCodeInvalid = "division_code_invalid" => BAD_REQUEST;
    DivisionOutsideCode = "division_outside_code" => BAD_REQUEST;
    SubjectInvalid = "subject_invalid" => BAD_REQUEST;
    WeightsInvalid = "weights_invalid" => BAD_REQUEST;
    AvoidanceReasonMissing = "avoidance_reason_missing" => BAD_REQUEST;
    BudgetOutsideFeeRange = "budget_outside_fee_range" => UNPROCESSABLE_ENTITY;
    DeadlineTooSoon = "deadline_too_soon" => UNPROCESSABLE_ENTITY;
    ProcurementWrongState = "procurement_wrong_state" => CONFLICT;
    ProcurementTermsFixed = "procurement_terms_fixed" => UNPROCESSABLE_ENTITY;
    SelectionMethodMismatch = "selection_method_mismatch" => UNPROCESSABLE_ENTITY;

    // Bids: the refusals name what stops the bidder, never anything about other bids.
    BidderDelisted = "bidder_delisted" => UNPROCESSABLE_ENTITY;
    BidderUnqualified = "bidder_unqualified" => UNPROCESSABLE_ENTITY;
    BidPriceOutsideFeeRange = "bid_price_outside_fee_range" => UNPROCESSABLE_ENTITY;
    BidPriceAboveCeiling = "bid_price_above_ceiling" => UNPROCESSABLE_ENTITY;
    BidderAvoided = "bidder_avoided" => UNPROCESSABLE_ENTITY;
    BidderNotEligible = "bidder_not_eligible" => UNPROCESSABLE_ENTITY;
    BidAfterDeadline = "bid_after_deadline" => UNPROCESSABLE_ENTITY;
    BidDaysInvalid = "bid_days_invalid" => BAD_REQUEST;
    BidWithdrawn = "bid_withdrawn" => CONFLICT;
    /// Kept at 422 (the API tests assert it), although rule 4 answers a wrong state with 409.
    BidNotStale = "bid_not_stale" => UNPROCESSABLE_ENTITY;
    BidsSealed = "bids_sealed" => UNPROCESSABLE_ENTITY;

    // Evaluation, objections, contracts and delivery.
    MarksInvalid = "marks_invalid" => BAD_REQUEST;
    JustificationNotNeeded = "justification_not_needed" => UNPROCESSABLE_ENTITY;
    JustificationMissing = "justification_missing" => UNPROCESSABLE_ENTITY;
    ObjectionNotBidder = "objection_not_bidder" => UNPROCESSABLE_ENTITY;
    ObjectionPeriodOver = "objection_period_over" => UNPROCESSABLE_ENTITY;
    ObjectionAnswered = "objection_answered" => CONFLICT;
    ContractTermsInvalid = "contract_terms_invalid" => BAD_REQUEST;
    /// Kept at 422 (the API tests assert it), although rule 4 answers a wrong state with 409.
    ContractWrongState = "contract_wrong_state" => UNPROCESSABLE_ENTITY;
    DeliveryFileMissing = "delivery_file_missing" => BAD_REQUEST;

    // Credit: ratings, the formula.
    /// Not exactly the formula's indicators, or a score outside 1–5.
    RatingScoresInvalid = "rating_scores_invalid" => BAD_REQUEST;
    /// An indicator scored 1 or 2 without a comment saying why.
    RatingCommentMissing = "rating_comment_missing" => BAD_REQUEST;
    /// The task was rated already: a rating is final.
    RatingGiven = "rating_given" => CONFLICT;
    RatingFlagReviewed = "rating_flag_reviewed" => CONFLICT;
    /// The rating window ended (the task lapsed).
    RatingWindowClosed = "rating_window_closed" => UNPROCESSABLE_ENTITY;
    /// A formula whose weights, indicators, thresholds or windows do not hold together.
    CreditFormulaInvalid = "credit_formula_invalid" => BAD_REQUEST;
    /// A service type's responsible department that is not an active department.
    ServiceTypeDepartmentInvalid = "service_type_department_invalid" => BAD_REQUEST;

    // Credit: sanctions and appeals.
    /// The sanction's status does not allow this step (e.g. closing a rectification not reported).
    SanctionWrongState = "sanction_wrong_state" => CONFLICT;
    /// A sanction of this kind is in force for the intermediary already.
    SanctionInForce = "sanction_in_force" => CONFLICT;
    /// Appeal exactly one given rating or one sanction of your own.
    AppealTargetInvalid = "appeal_target_invalid" => UNPROCESSABLE_ENTITY;
    /// The appeal window of the rating or sanction has ended.
    AppealTooLate = "appeal_too_late" => UNPROCESSABLE_ENTITY;
    /// The rating or sanction was appealed already; a decided appeal is final.
    AppealExists = "appeal_exists" => CONFLICT;
    /// The appeal was decided already.
    AppealDecided = "appeal_decided" => CONFLICT;
    /// A decision that does not fit the appeal (adjusting a sanction, adjusting without scores).
    AppealDecisionInvalid = "appeal_decision_invalid" => BAD_REQUEST;
}

impl Code {
    /// The codes whose string is `code` (two only for `not_found`, see [`Code::ReferenceNotFound`]).
    pub fn named(code: &str) -> impl Iterator<Item = Code> + '_ {
        Self::ALL
            .iter()
            .copied()
            .filter(move |c| c.as_str() == code)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The whole table as the `ErrorCode` schema: a string enum, each code's status in `x-statuses`.
impl utoipa::PartialSchema for Code {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{extensions::ExtensionsBuilder, schema::Type, ObjectBuilder};
        let mut strings: Vec<&str> = Vec::new();
        for code in Self::ALL {
            if !strings.contains(&code.as_str()) {
                strings.push(code.as_str());
            }
        }
        let statuses: serde_json::Map<String, serde_json::Value> = strings
            .iter()
            .map(|&code| {
                let statuses: Vec<u16> = Self::named(code).map(|c| c.status().as_u16()).collect();
                let value = match statuses.as_slice() {
                    [one] => serde_json::Value::from(*one),
                    many => serde_json::Value::from(many.to_vec()),
                };
                (code.to_owned(), value)
            })
            .collect();
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "Stable, machine-readable cause. `x-statuses` gives the HTTP status each code \
                 answers with (`not_found` is 404, or 400 when the body names a missing record).",
            ))
            .enum_values(Some(strings))
            .extensions(Some(
                ExtensionsBuilder::new()
                    .add("x-statuses", serde_json::Value::Object(statuses))
                    .build(),
            ))
            .into()
    }
}

impl utoipa::ToSchema for Code {
    fn name() -> std::borrow::Cow<'static, str> {
        "ErrorCode".into()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn each_code_string_has_one_status_but_the_documented_not_found() {
        let mut statuses: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
        for code in Code::ALL {
            statuses
                .entry(code.as_str())
                .or_default()
                .push(code.status().as_u16());
        }
        let ambiguous: Vec<_> = statuses.iter().filter(|(_, s)| s.len() > 1).collect();
        assert_eq!(ambiguous, [(&"not_found", &vec![404, 400])]);
    }

    #[test]
    fn codes_are_snake_case_and_each_variant_appears_once() {
        for code in Code::ALL {
            let s = code.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{s}");
            assert_eq!(Code::ALL.iter().filter(|c| *c == code).count(), 1);
        }
    }

    /// The front end's copy of the table, which its message catalogues are checked against.
    const FRONT_END_LIST: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/frontend/src/i18n/error-codes.json"
    );

    fn front_end_list() -> String {
        let mut codes: Vec<&str> = Vec::new();
        for code in Code::ALL {
            if !codes.contains(&code.as_str()) {
                codes.push(code.as_str());
            }
        }
        let document = serde_json::json!({
            "$comment": "Every error code the API answers, generated from src/error/codes.rs: run `make error-codes`, do not edit.",
            "codes": codes,
        });
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }

    #[test]
    fn the_front_end_list_of_error_codes_is_the_table() {
        let expected = front_end_list();
        if std::env::var_os("QIFU_WRITE_ERROR_CODES").is_some() {
            std::fs::write(FRONT_END_LIST, &expected).unwrap();
        }
        let found = std::fs::read_to_string(FRONT_END_LIST).unwrap_or_default();
        assert!(
            found == expected,
            "{FRONT_END_LIST} is stale: regenerate it with `make error-codes`"
        );
    }
}
