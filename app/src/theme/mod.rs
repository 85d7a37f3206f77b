//! Theme tokens as CSS custom properties, resolved on the server per request.
//!
//! The stylesheet only refers to `var(--agora-…)`; the server writes the values
//! into the page head, so a tenant's colours never need a rebuild and the
//! hydrated page reads the same values the server rendered.

/// Brand colours of the portal being rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Main accent (buttons, links).
    pub brand: HexColor,
    /// Text on the accent.
    pub brand_contrast: HexColor,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            brand: HexColor("#4338ca".into()),
            brand_contrast: HexColor("#ffffff".into()),
        }
    }
}

/// A colour written `#rrggbb`; nothing else can reach the stylesheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HexColor(String);

impl HexColor {
    /// Parses `#rrggbb` (case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let v = raw.trim();
        let ok =
            v.len() == 7 && v.starts_with('#') && v[1..].chars().all(|c| c.is_ascii_hexdigit());
        if ok {
            Ok(Self(v.to_ascii_lowercase()))
        } else {
            Err("Colour must be written like #4338ca.".into())
        }
    }

    /// The colour text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The `:root { … }` rule for a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeCss(pub String);

impl ThemeCss {
    /// Renders a theme's custom properties.
    pub fn of(theme: &Theme) -> Self {
        Self(format!(
            ":root{{--agora-brand:{};--agora-brand-contrast:{};}}",
            theme.brand.as_str(),
            theme.brand_contrast.as_str()
        ))
    }

    /// The theme of the current request (the platform default until a tenant brands its portal).
    #[cfg(feature = "ssr")]
    pub fn current() -> Self {
        let theme = leptos::prelude::use_context::<Theme>().unwrap_or_default();
        Self::of(&theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_colours_reach_css() {
        assert!(HexColor::parse("#A1b2C3").is_ok());
        for bad in ["red", "#fff", "#12345g", "#123456;}body{", ""] {
            assert!(HexColor::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn css_contains_the_tokens() {
        let css = ThemeCss::of(&Theme::default()).0;
        assert!(css.contains("--agora-brand:#4338ca"), "{css}");
    }
}
