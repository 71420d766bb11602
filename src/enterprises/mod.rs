//! Enterprises (企业画像): profiles, tags and the derived values policies match on. So far: the
//! size class of 《中小企业划型标准规定》, every industry of the standard held as data.

mod size;

pub use size::{Industry, Measure, SizeClass, SizeFigures, SizeStandard};
