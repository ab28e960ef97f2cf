//! The shortcode that embeds one indicator's card in markdown: a paragraph holding only
//!
//! ```text
//! {{ chi_so(id="nang-luc-thong-tin") }}
//! ```
//!
//! Double braces and a call never occur in ordinary Vietnamese prose, and a shortcode inside
//! a code block or a sentence stays text, so documentation can show it.

use crate::diagnostics::Problem;
use crate::markdown::escape_html;

use super::view::Views;

/// The id named by a paragraph that is exactly one shortcode, if it is one. Straight or
/// curly quotes are accepted (markdown's smart punctuation curls them).
pub fn parse(paragraph: &str) -> Option<&str> {
    let inner = paragraph.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let args = inner.strip_prefix("chi_so")?.trim_start().strip_prefix('(')?.strip_suffix(')')?.trim();
    let value = args.strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
    let open = value.chars().next()?;
    let close = value.chars().last()?;
    let quotes_match =
        matches!((open, close), ('"', '"') | ('\'', '\'') | ('“', '”') | ('‘', '’') | ('”', '”') | ('’', '’'));
    if !quotes_match || value.chars().count() < 2 {
        return None;
    }
    Some(value[open.len_utf8()..value.len() - close.len_utf8()].trim())
}

/// The HTML that replaces a markdown paragraph, if the paragraph is a shortcode: the card,
/// or the problem of an unknown id.
pub fn expand(views: &Views<'_>, paragraph: &str) -> Option<Result<String, Problem>> {
    let id = parse(paragraph)?;
    if views.indicators().has_failed(id) {
        return Some(Ok(String::new())); // its data's problems are reported already
    }
    Some(card_html(views, id).ok_or_else(|| views.indicators().unknown(id)))
}

/// The HTML of an embedded card (the same markup as the theme's `partials/indicators.html`
/// card, written here because markdown is rendered before templates).
pub fn card_html(views: &Views<'_>, id: &str) -> Option<String> {
    let entry = views.indicators().get(id)?;
    let card = views.card(entry);
    let text = |key: &str| escape_html(card[key].as_str().unwrap_or(""));
    let fact = |key: &str, label: &str| {
        let v = &card[key];
        let year = v["year"].as_i64().map(|y| format!(" {y}")).unwrap_or_default();
        let shown = v["display"].as_str().map_or_else(|| views.text("ind_no_value_yet"), String::from);
        format!("<div><dt>{}{year}</dt><dd>{}</dd></div>", escape_html(&views.text(label)), escape_html(&shown))
    };
    let target = if card["target"].is_null() { String::new() } else { fact("target", "ind_next_target") };
    Some(format!(
        "<article class=\"ind-card ind-card--{status} ind-card--embed\"><h3 class=\"ind-card__title\"><a href=\"{url}\">{title}</a></h3>\
         <p class=\"ind-status ind-status--{status}\"><span aria-hidden=\"true\">{symbol}</span> {label}</p>\
         <div class=\"ind-card__row\"><dl class=\"ind-card__facts\">{latest}{target}</dl>{spark}</div></article>",
        url = text("url"),
        title = text("title"),
        status = text("status"),
        symbol = text("status_symbol"),
        label = text("status_label"),
        latest = fact("latest", "ind_latest"),
        spark = card["sparkline_svg"].as_str().unwrap_or(""),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_a_shortcode_paragraph_only() {
        assert_eq!(parse("{{ chi_so(id=\"nang-luc-thong-tin\") }}"), Some("nang-luc-thong-tin"));
        assert_eq!(parse("{{chi_so(id=“a-b”)}}"), Some("a-b"));
        assert_eq!(parse("{{ chi_so( id = 'x' ) }}"), Some("x"));
        assert_eq!(parse("Xem {{ chi_so(id=\"x\") }}"), None);
        assert_eq!(parse("{{ chi_so(id=\"x) }}"), None);
        assert_eq!(parse("{{ other(id=\"x\") }}"), None);
    }
}
