//! What may be uploaded and how it is named: the allow-list of content types (found from the
//! bytes, never from the name), purposes and their size limits, safe file names and a safe
//! `Content-Disposition`. No framework code here.

use crate::accounts::Role;

/// Content types accepted, as `infer` reports them from the first bytes.
pub const ALLOWED_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/zip",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/x-ole-storage",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/// How many leading bytes are enough to recognise a type (Office files are zips whose first
/// entry names say which).
pub const SNIFF_BYTES: usize = 8192;

/// The type the content has, if it is on the allow-list.
pub fn detect_type(head: &[u8]) -> Result<&'static str, Option<String>> {
    match infer::get(head) {
        Some(kind) => ALLOWED_TYPES
            .iter()
            .find(|allowed| **allowed == kind.mime_type())
            .copied()
            .ok_or_else(|| Some(kind.mime_type().to_owned())),
        None => Err(None),
    }
}

pub use entities::stored_file::Purpose;

/// Who uploads files of a purpose, and whether they are sealed.
pub trait PurposeRules {
    /// The roles that upload files of this purpose: only those whose records can claim them.
    /// Case evidence has no record to attach to until the case domain arrives, so nobody
    /// uploads it yet (it could only pile up unclaimed).
    fn uploaders(&self) -> &'static [Role];
    /// Whether files of this purpose are sealed until their record opens (bid proposals until
    /// bidding closes): their upload leaves no audit entry of its own.
    fn sealed(&self) -> bool;
}

impl PurposeRules for Purpose {
    fn uploaders(&self) -> &'static [Role] {
        match self {
            Self::BidProposal | Self::DeliveryResult => &[Role::Intermediary],
            Self::ApplicationMaterial => &[Role::Enterprise],
            Self::RectificationReport | Self::AppealEvidence => &[Role::Intermediary],
            Self::CaseEvidence => &[],
        }
    }

    fn sealed(&self) -> bool {
        matches!(self, Self::BidProposal)
    }
}

/// The last path component of a client's file name, without control characters, at most 200
/// characters; `file` when nothing is left. The name is only ever shown, never used as a path.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| {
            crate::text::allowed_in_single_line(*c)
                && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':')
        })
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987).
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_only_its_last_component() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            safe_file_name("C:\\Windows\\system32\\evil.exe"),
            "evil.exe"
        );
        assert_eq!(safe_file_name("..\u{0}.."), "file");
        assert_eq!(safe_file_name("环评报告 (终稿).pdf"), "环评报告 (终稿).pdf");
        assert_eq!(safe_file_name(".hidden"), "hidden");
    }

    #[test]
    fn the_disposition_is_an_attachment_with_an_encoded_name() {
        let header = content_disposition("报告\".pdf");
        assert!(header.starts_with("attachment; filename=\"__"));
        assert!(header.contains("filename*=UTF-8''%E6%8A%A5%E5%91%8A%22.pdf"));
    }

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(detect_type(b"%PDF-1.7\n..."), Ok("application/pdf"));
        let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        elf.resize(64, 0);
        assert_eq!(
            detect_type(&elf),
            Err(Some("application/x-executable".to_owned()))
        );
        assert_eq!(
            detect_type(b"MZ\x90\0"),
            Err(Some(
                "application/vnd.microsoft.portable-executable".to_owned()
            ))
        );
        assert_eq!(detect_type(b"just some text"), Err(None));
    }
}
