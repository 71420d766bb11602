//! The starter tag catalogue the platform ships (`data/tag_catalogue.json`), modelled on
//! Qiantang district's 5 dimensions and 23 tags plus two manual tags: each dimension with its
//! tags (bilingual names, a description, and a rule in the condition language's text form, or
//! none for a manual tag). Read once from the binary; `qifu seed --demo` creates it through the
//! catalogue's use cases, after which `center_admin` keeps the tags as data. No framework code.

use std::sync::LazyLock;

use serde::Deserialize;

/// The catalogue as its data file holds it: dimensions in order, each with its tags.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    dimensions: Vec<StarterDimension>,
}

/// One dimension of the starter catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterDimension {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub tags: Vec<StarterTag>,
}

/// One tag of the starter catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterTag {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub description: String,
    /// The rule in the condition language's text form; none: a manual tag.
    pub rule: Option<String>,
}

static CATALOGUE: LazyLock<Result<Vec<StarterDimension>, String>> = LazyLock::new(|| {
    serde_json::from_str::<CatalogueFile>(include_str!("data/tag_catalogue.json"))
        .map(|file| file.dimensions)
        .map_err(|e| format!("the starter tag catalogue (data/tag_catalogue.json): {e}"))
});

/// The starter catalogue's dimensions in order; an error when the shipped file does not parse.
pub fn starter_tag_catalogue() -> anyhow::Result<&'static [StarterDimension]> {
    CATALOGUE.as_deref().map_err(|e| anyhow::anyhow!("{e}"))
}
