//! Catalog value types: apps, versions, plans, categories and their forms.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::billing::types::Money;
use crate::error::AppError;
use crate::validate::{Checker, bounded_text, optional_url, slug};

/// Where a version is in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    /// Being prepared by the vendor; editable.
    Draft,
    /// Submitted; waiting for an operator.
    InReview,
    /// Approved and visible in the store.
    Approved,
    /// Sent back with a reason; the vendor may fix and resubmit.
    Rejected,
}

impl VersionStatus {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "draft" => Some(Self::Draft),
            "in_review" => Some(Self::InReview),
            "approved" => Some(Self::Approved),
            "rejected" => Some(Self::Rejected),
            _ => None,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::InReview => "In review",
            Self::Approved => "Published",
            Self::Rejected => "Rejected",
        }
    }
}

/// Whether an app may be shown at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppStatus {
    /// Normal.
    Active,
    /// Hidden from the store by an operator.
    Suspended,
}

impl AppStatus {
    /// Stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }

    /// Parses the stored form.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            _ => None,
        }
    }
}

/// A store category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    /// URL name.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One line about it.
    pub description: String,
    /// Number of published apps in it.
    pub app_count: u64,
}

/// An app as a tile in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppCard {
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// One line.
    pub summary: String,
    /// Icon link, if any.
    pub icon_url: Option<String>,
    /// Category name.
    pub category_name: String,
    /// Publisher.
    pub vendor_name: String,
    /// "Free" or the cheapest plan's price.
    pub price_from: String,
}

/// The store's front page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreHome {
    /// Picked by the operator.
    pub featured: Vec<AppCard>,
    /// Most recently published.
    pub newest: Vec<AppCard>,
    /// Categories with counts.
    pub categories: Vec<CategoryView>,
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppListing {
    /// Title of the listing (category name or the search).
    pub title: String,
    /// Explanation under the title.
    pub description: String,
    /// The apps on this page.
    pub apps: Vec<AppCard>,
    /// Total matches.
    pub total: u64,
    /// Page number, from 1.
    pub page: u64,
    /// Number of pages.
    pub pages: u64,
}

/// A plan as shown to buyers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// "Free" or "12.00 EUR".
    pub price: String,
    /// Whether checkout activates at once.
    pub is_free: bool,
}

/// A published version as shown to buyers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicVersion {
    /// Semantic version.
    pub version: String,
    /// What changed.
    pub release_notes: String,
    /// Publication date, formatted.
    pub published: String,
}

/// The app page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppDetail {
    /// Id.
    pub id: Uuid,
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// One line.
    pub summary: String,
    /// Description rendered from Markdown and sanitised on the server.
    pub description_html: String,
    /// Icon link.
    pub icon_url: Option<String>,
    /// Screenshot links.
    pub screenshots: Vec<String>,
    /// Category URL name.
    pub category_slug: String,
    /// Category name.
    pub category_name: String,
    /// Publisher.
    pub vendor_name: String,
    /// Published versions, newest first.
    pub versions: Vec<PublicVersion>,
    /// Plans on sale.
    pub plans: Vec<PlanView>,
}

/// The app form (create and edit), exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppForm {
    /// Name.
    pub name: String,
    /// URL name.
    pub slug: String,
    /// One line.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// Category URL name.
    pub category: String,
    /// Icon link.
    pub icon_url: String,
    /// Screenshot links, one per line.
    pub screenshots: String,
}

/// An app form that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidApp {
    /// Name.
    pub name: String,
    /// URL name.
    pub slug: String,
    /// One line.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// Category URL name.
    pub category: String,
    /// Icon link.
    pub icon_url: Option<String>,
    /// Screenshot links.
    pub screenshots: Vec<String>,
}

impl AppForm {
    /// Applies every rule of the app form.
    pub fn validate(&self) -> Result<ValidApp, AppError> {
        let mut c = Checker::default();
        let category = if self.category.trim().is_empty() {
            Err("Choose a category.".to_owned())
        } else {
            Ok(self.category.trim().to_owned())
        };
        let valid = ValidApp {
            name: c.field("name", bounded_text(&self.name, "Name", 2, 60)),
            slug: c.field("slug", slug(&self.slug, "URL name")),
            summary: c.field("summary", bounded_text(&self.summary, "Summary", 10, 140)),
            description: c.field(
                "description",
                bounded_text(&self.description, "Description", 20, 20_000),
            ),
            category: c.field("category", category),
            icon_url: c.field("icon_url", optional_url(&self.icon_url, "Icon link")),
            screenshots: c.field("screenshots", parse_screenshots(&self.screenshots)),
        };
        c.finish()?;
        Ok(valid)
    }
}

fn parse_screenshots(raw: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (i, line) in raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        match optional_url(line, &format!("Screenshot {}", i + 1))? {
            Some(url) => out.push(url),
            None => continue,
        }
    }
    if out.len() > 8 {
        return Err("At most 8 screenshots.".into());
    }
    Ok(out)
}

/// The new-version form, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionForm {
    /// Semantic version, e.g. 1.2.0.
    pub version: String,
    /// Deployment manifest (TOML).
    pub manifest: String,
    /// What changed.
    pub release_notes: String,
}

/// Parses a semantic version as typed ("1.2.0", "v1.2.0").
pub fn parse_version(raw: &str) -> Result<semver::Version, String> {
    let v = raw.trim();
    let v = v.strip_prefix('v').unwrap_or(v);
    if v.is_empty() {
        return Err("Version is required.".into());
    }
    semver::Version::parse(v)
        .map_err(|_| "Version must be a semantic version like 1.0.0 or 2.1.0-beta.1.".to_owned())
}

/// The new-plan form, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanForm {
    /// Name ("Starter").
    pub name: String,
    /// Monthly price; 0 for free.
    pub price: String,
    /// Currency code.
    pub currency: String,
}

/// A plan form that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPlan {
    /// Name.
    pub name: String,
    /// Monthly price.
    pub price: Money,
}

impl PlanForm {
    /// Applies every rule of the plan form.
    pub fn validate(&self) -> Result<ValidPlan, AppError> {
        let mut c = Checker::default();
        let name = c.field("name", bounded_text(&self.name, "Plan name", 2, 40));
        let currency = if self.currency.trim().is_empty() {
            "EUR"
        } else {
            self.currency.as_str()
        };
        let price = c.maybe("price", Money::parse(&self.price, currency));
        c.finish()?;
        price
            .map(|price| ValidPlan { name, price })
            .ok_or_else(|| AppError::invalid("price", "Price is required."))
    }
}

/// An app in the vendor's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorAppRow {
    /// Id.
    pub id: Uuid,
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Active or suspended.
    pub status: AppStatus,
    /// Visible in the store.
    pub published: bool,
    /// Newest approved version.
    pub latest_version: Option<String>,
    /// Versions waiting for review.
    pub in_review: u64,
}

/// A version as the vendor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorVersionRow {
    /// Id.
    pub id: Uuid,
    /// Semantic version.
    pub version: String,
    /// Review status.
    pub status: VersionStatus,
    /// The operator's reason, when rejected.
    pub review_reason: Option<String>,
    /// Creation date, formatted.
    pub created: String,
}

/// The vendor's page for one app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorAppDetail {
    /// Id.
    pub id: Uuid,
    /// The current values, ready to edit.
    pub form: AppForm,
    /// Active or suspended.
    pub status: AppStatus,
    /// Why it was suspended.
    pub suspended_reason: Option<String>,
    /// Visible in the store.
    pub published: bool,
    /// Versions, newest first.
    pub versions: Vec<VendorVersionRow>,
    /// Plans.
    pub plans: Vec<PlanView>,
}

/// A version waiting for an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    /// Version id.
    pub version_id: Uuid,
    /// App name.
    pub app_name: String,
    /// App URL name.
    pub app_slug: String,
    /// Publisher.
    pub vendor_name: String,
    /// Semantic version.
    pub version: String,
    /// Deployment manifest to inspect.
    pub manifest: String,
    /// What changed.
    pub release_notes: String,
    /// Submission date, formatted.
    pub submitted: String,
}

/// An app in the operator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAppRow {
    /// Id.
    pub id: Uuid,
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Publisher.
    pub vendor_name: String,
    /// Active or suspended.
    pub status: AppStatus,
    /// Visible in the store.
    pub published: bool,
    /// Why it was suspended.
    pub suspended_reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good_form() -> AppForm {
        AppForm {
            name: "Pastebin".into(),
            slug: "pastebin".into(),
            summary: "Share snippets with your team".into(),
            description: "A longer description of the pastebin app.".into(),
            category: "developer-tools".into(),
            icon_url: "/icons/pastebin.svg".into(),
            screenshots: "https://x.test/1.png\n\n/shots/2.png\n".into(),
        }
    }

    #[test]
    fn a_good_app_form_validates() {
        let v = good_form().validate();
        assert_eq!(
            v.map(|v| v.screenshots),
            Ok(vec![
                "https://x.test/1.png".to_owned(),
                "/shots/2.png".to_owned()
            ])
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = AppForm {
            name: "".into(),
            slug: "Bad Slug".into(),
            summary: "short".into(),
            ..good_form()
        };
        match form.validate() {
            Err(AppError::Validation { errors }) => {
                let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["name", "slug", "summary"]);
            }
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn versions_are_semver() {
        assert_eq!(
            parse_version("1.2.3").map(|v| v.to_string()),
            Ok("1.2.3".into())
        );
        assert_eq!(
            parse_version("v2.0.0-beta.1").map(|v| v.to_string()),
            Ok("2.0.0-beta.1".into())
        );
        for bad in ["", "1", "1.2", "one", "1.2.3.4", "01.2.3"] {
            assert!(parse_version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plans_validate_name_and_price() {
        let ok = PlanForm {
            name: "Team".into(),
            price: "19.90".into(),
            currency: "usd".into(),
        }
        .validate();
        assert_eq!(ok.map(|p| p.price.minor), Ok(1990));
        let bad = PlanForm {
            name: "T".into(),
            price: "abc".into(),
            currency: "EUR".into(),
        }
        .validate();
        assert!(matches!(bad, Err(AppError::Validation { errors }) if errors.len() == 2));
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            VersionStatus::Draft,
            VersionStatus::InReview,
            VersionStatus::Approved,
            VersionStatus::Rejected,
        ] {
            assert_eq!(VersionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(AppStatus::parse("suspended"), Some(AppStatus::Suspended));
    }
}
