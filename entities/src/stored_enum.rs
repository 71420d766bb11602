//! `stored_enum!`: one derive for every status and kind column.
//!
//! A column holding a closed set of words (a status, a kind, a method) is a Rust enum, not a
//! `String`. The macro declares the enum once with each variant's stored word and gives it
//! everything the layers above need: sea-orm's `DeriveActiveEnum` (so the entity's field has the
//! enum's type and a row holding an unknown word fails to load, an error rather than a guess),
//! serde and an OpenAPI schema that both use the stored words, `as_str`, `parse`, `ALL` and
//! `Display`. Lifecycles (which status may follow which) live in the owning domain.

/// Declares a stored enum: `stored_enum!(/// doc\n Name { Variant => "word", … });`
#[macro_export]
macro_rules! stored_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            sea_orm::EnumIter, sea_orm::DeriveActiveEnum,
            serde::Serialize, serde::Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum $name {
            $($(#[doc = $vdoc])* #[sea_orm(string_value = $text)] #[serde(rename = $text)] $variant),+
        }

        // Written by hand: utoipa's derive would list the variants' Rust names, not the words. The
        // description is the enum's doc comment, then each documented word with its own.
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                let joined = |lines: &[&str]| lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
                let mut description = vec![joined(&[$($doc),*])];
                $(
                    let lines: &[&str] = &[$($vdoc),*];
                    if !lines.is_empty() {
                        description.push(format!("- `{}`: {}", $text, joined(lines)));
                    }
                )+
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some(description.join("\n")))
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every value's word, in declaration order.
            pub const WORDS: &'static [&'static str] = &[$($text),+];

            /// The stored (and sent) word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value a stored or sent word names; `None` for any other word.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        // Lets a typed column be compared with its word, as `run.outcome == "succeeded"`.
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
