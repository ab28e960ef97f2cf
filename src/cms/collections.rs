//! Decap CMS's `config.yml`, generated from the loader's field tables
//! ([`crate::content::fields::page_fields`]): one collection per section, one widget per field.
//!
//! Each collection's fields are also run through the loader before they are written: a field the
//! CMS could write but the loader would refuse stops the build with the field named.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::labels::field_label;
use super::{Backend, CmsConfig};
use crate::config::Config;
use crate::content::fields::{page_fields, read_page, FieldSpec, FieldType};
use crate::content::front_matter::Field;
use crate::content::{Content, Kind};
use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::indicators::Indicators;
use crate::language::Language;
use crate::theme::Strings;

/// The whole `config.yml`.
#[derive(Debug, Serialize)]
pub(crate) struct CmsFile {
    backend: BackendBlock,
    /// Lets `npx decap-server` on a staff computer edit the files in place (Decap only uses
    /// it when the editor is opened from localhost).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    local_backend: bool,
    locale: &'static str,
    site_url: String,
    media_folder: String,
    public_folder: String,
    slug: SlugRule,
    /// The collections, one per section.
    pub collections: Vec<Collection>,
}

#[derive(Debug, Serialize)]
struct BackendBlock {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    repo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    branch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy_url: Option<String>,
}

/// File names from titles: ASCII with Vietnamese marks folded (`Xã Mỹ Hòa` → `xa-my-hoa`).
#[derive(Debug, Serialize)]
struct SlugRule {
    encoding: &'static str,
    clean_accents: bool,
    sanitize_replacement: &'static str,
}

/// One section as a folder collection.
#[derive(Debug, Serialize)]
pub(crate) struct Collection {
    /// Unique name: the section's folder with `-` for `/`.
    pub name: String,
    label: String,
    /// `content/<folder>`.
    pub folder: String,
    create: bool,
    extension: &'static str,
    format: &'static str,
    slug: &'static str,
    /// Section `_index.md` files declare `kind`, pages never do: listing only files without
    /// it keeps the section's own file out of the list of its pages.
    filter: Filter,
    summary: &'static str,
    /// The fields, `body` last.
    pub fields: Vec<Widget>,
}

#[derive(Debug, Serialize)]
struct Filter {
    field: &'static str,
}

/// One field of the editor.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Widget {
    /// The front-matter key.
    pub name: &'static str,
    label: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    hint: String,
    /// The Decap widget.
    pub widget: &'static str,
    /// Whether the editor refuses to save without it.
    pub required: bool,
    /// Widget options (`format`, `options`, `value_type`, …).
    #[serde(flatten)]
    pub options: serde_json::Map<String, Value>,
}

/// Builds the configuration for the portal's sections; fails with the field named when a
/// widget would write a value the loader refuses.
pub(crate) fn generate(
    cms: &CmsConfig,
    config: &Config,
    content: &Content,
    strings: &Strings,
    indicators: &Indicators,
) -> crate::Result<CmsFile> {
    let lang = config.language;
    let ids: Vec<(String, String)> =
        indicators.entries.iter().map(|e| (e.indicator.id.clone(), e.indicator.title.clone())).collect();
    let mut collections = Vec::new();
    let mut sections: Vec<&crate::content::Section> = content.sections.iter().collect();
    sections.sort_by(|a, b| (a.meta.weight, &a.meta.title).cmp(&(b.meta.weight, &b.meta.title)));
    for section in sections {
        let Some(kind) = section.meta.kind.filter(|k| *k != Kind::Indicators) else { continue };
        if section.dir.is_empty() {
            continue;
        }
        let fields = page_fields(kind);
        let name = section.dir.replace('/', "-");
        check_against_loader(&name, kind, &fields, &section.path)?;
        let ui = |key: &str| strings.get(key);
        collections.push(Collection {
            name,
            label: section.meta.title.clone(),
            folder: format!("content/{}", section.dir),
            create: true,
            extension: "md",
            format: "toml-frontmatter",
            slug: "{{slug}}",
            filter: Filter { field: "kind" },
            summary: if kind == Kind::Events { "{{start}} · {{title}}" } else { "{{title}}" },
            fields: widgets(kind, lang, &ui, &ids),
        });
    }
    Ok(CmsFile {
        backend: backend_block(cms),
        local_backend: cms.backend != Backend::Local,
        locale: lang.code(),
        site_url: config.base_url.clone(),
        media_folder: cms.media_folder.clone(),
        public_folder: cms.public_folder(),
        slug: SlugRule { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
        collections,
    })
}

fn backend_block(cms: &CmsConfig) -> BackendBlock {
    let some = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    let hosted = matches!(cms.backend, Backend::Github | Backend::Gitlab);
    BackendBlock {
        name: cms.backend.decap_name(),
        repo: if hosted { some(&cms.repo) } else { None },
        branch: if cms.backend == Backend::Local { None } else { some(&cms.branch) },
        base_url: if hosted { some(&cms.auth_url) } else { None },
        proxy_url: if cms.backend == Backend::Local { Some(cms.proxy_url()) } else { None },
    }
}

/// The editor fields of a page of `kind`, `body` last; `ui` gives a UI string (choice labels).
pub(crate) fn widgets(
    kind: Kind,
    lang: Language,
    ui: &dyn Fn(&str) -> String,
    ids: &[(String, String)],
) -> Vec<Widget> {
    let mut widgets: Vec<Widget> = page_fields(kind).iter().map(|f| widget(f, kind, lang, ui, ids)).collect();
    widgets.push(body_widget(lang));
    widgets
}

/// The editor field of one front-matter field.
fn widget(
    spec: &FieldSpec,
    kind: Kind,
    lang: Language,
    ui: &dyn Fn(&str) -> String,
    ids: &[(String, String)],
) -> Widget {
    let (label, hint) = field_label(spec.name, lang).unwrap_or((spec.name, ""));
    let mut options = serde_json::Map::new();
    let mut set = |key: &str, value: Value| {
        options.insert(key.to_string(), value);
    };
    let widget = match spec.ty {
        FieldType::Text => "string",
        FieldType::LongText => "text",
        FieldType::Date => {
            set("format", "YYYY-MM-DD".into());
            set("time_format", false.into());
            if spec.name == "date" {
                set("default", "{{now}}".into());
            }
            "datetime"
        }
        FieldType::DateTime => {
            // The offset of the browser's clock: +07:00 in Vietnam.
            set("format", "YYYY-MM-DDTHH:mm:ssZ".into());
            "datetime"
        }
        FieldType::Bool => {
            set("default", false.into());
            "boolean"
        }
        FieldType::Integer => {
            set("value_type", "int".into());
            "number"
        }
        FieldType::TextList => "list",
        FieldType::Link => {
            let message = if lang == Language::Vi {
                "Địa chỉ bắt đầu bằng https://, http://, mailto:, tel: hoặc /"
            } else {
                "An address starting with https://, http://, mailto:, tel: or /"
            };
            set("pattern", serde_json::json!([r"^(https?://|mailto:|tel:|/)\S*$", message]));
            "string"
        }
        FieldType::Choice(values) => {
            let prefix = choice_prefix(kind, spec.name);
            let labelled = |v: &&str| {
                let text = prefix.map_or_else(|| v.to_string(), |p| ui(&format!("{p}{}", v.replace('-', "_"))));
                serde_json::json!({ "label": text, "value": v })
            };
            set("options", values.iter().map(labelled).collect::<Vec<_>>().into());
            "select"
        }
        FieldType::IndicatorIds if ids.is_empty() => "list",
        FieldType::IndicatorIds => {
            let choices = ids.iter().map(|(id, name)| serde_json::json!({ "label": name, "value": id }));
            set("options", choices.collect::<Vec<_>>().into());
            set("multiple", true.into());
            "select"
        }
        FieldType::Image => {
            set("choose_url", false.into());
            "image"
        }
        FieldType::File => "file",
    };
    Widget {
        name: spec.name,
        label: label.to_string(),
        hint: hint.to_string(),
        widget,
        required: spec.required,
        options,
    }
}

fn body_widget(lang: Language) -> Widget {
    let (label, _) = field_label("body", lang).unwrap_or(("body", ""));
    Widget {
        name: "body",
        label: label.into(),
        hint: String::new(),
        widget: "markdown",
        required: false,
        options: serde_json::Map::new(),
    }
}

/// The UI-string prefix of a choice field's values (`category_citizen`), as the theme shows them.
fn choice_prefix(kind: Kind, field: &str) -> Option<&'static str> {
    match (kind, field) {
        (Kind::RoleModels, "category") => Some("category_"),
        (Kind::Plans, "status") => Some("status_"),
        (Kind::Resources, "type") => Some("resource_type_"),
        (Kind::Events, "type") => Some("event_type_"),
        _ => None,
    }
}

/// A value of the shape the widget of `ty` writes, as the loader would read it back.
pub(crate) fn sample_value(ty: FieldType) -> Value {
    match ty {
        FieldType::Text | FieldType::LongText => "Xã Mỹ Hòa".into(),
        FieldType::Date => "2025-04-21".into(),
        FieldType::DateTime => "2025-04-21T07:30:00+07:00".into(),
        FieldType::Bool => true.into(),
        FieldType::Integer => 3.into(),
        FieldType::TextList | FieldType::IndicatorIds => serde_json::json!(["học tập suốt đời"]),
        FieldType::Link => "https://xhht.example.vn/tai-lieu".into(),
        FieldType::Choice(values) => values.first().copied().unwrap_or("").into(),
        FieldType::Image => "/media/anh.jpg".into(),
        FieldType::File => "/media/tep.pdf".into(),
    }
}

/// Runs one value of each widget through the loader for `kind`: a refused field is an error
/// naming the collection and the field.
pub(crate) fn check_against_loader(
    collection: &str,
    kind: Kind,
    fields: &[FieldSpec],
    section: &Path,
) -> crate::Result<()> {
    let front: Vec<Field> = fields
        .iter()
        .enumerate()
        .map(|(i, spec)| Field { key: spec.name.to_string(), value: sample_value(spec.ty), line: i + 2 })
        .collect();
    let Err(problems) = read_page(&front, Path::new("config.yml"), kind) else { return Ok(()) };
    let problem = &problems[0];
    let line = problem.location.line.unwrap_or(1);
    let field = front.iter().find(|f| f.line == line).map_or("?", |f| fields[f.line - 2].name);
    let refused = Box::new(problem.problem.clone());
    let problem = Problem::CmsFieldRejected { collection: collection.to_string(), field: field.to_string(), refused };
    Err(crate::Error::Content(vec![Diagnostic::error(Location::file(section), problem)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [Kind; 6] = [Kind::News, Kind::Plans, Kind::RoleModels, Kind::Resources, Kind::Events, Kind::Pages];

    /// Front matter with one value per widget, as the editor would write it.
    fn written_by(widgets: &[Widget]) -> Vec<Field> {
        let specs: Vec<FieldSpec> = page_fields(Kind::Events)
            .into_iter()
            .chain(page_fields(Kind::News))
            .chain(page_fields(Kind::Plans))
            .chain(page_fields(Kind::Resources))
            .chain(page_fields(Kind::RoleModels))
            .collect();
        widgets
            .iter()
            .filter(|w| w.name != "body")
            .enumerate()
            .map(|(i, w)| {
                let value = match w.options.get("options") {
                    // A multiple select writes a list of its values.
                    Some(Value::Array(options)) if w.options.get("multiple") == Some(&Value::Bool(true)) => {
                        Value::Array(options.iter().map(|o| o["value"].clone()).collect())
                    }
                    Some(Value::Array(options)) => options[options.len() - 1]["value"].clone(),
                    _ => sample_value(specs.iter().find(|s| s.name == w.name).expect("a known field").ty),
                };
                Field { key: w.name.to_string(), value, line: i + 2 }
            })
            .collect()
    }

    fn loader(fields: &[Field], kind: Kind) -> Vec<Problem> {
        read_page(fields, Path::new("a.md"), kind).err().unwrap_or_default().into_iter().map(|d| d.problem).collect()
    }

    fn ui(key: &str) -> String {
        format!("«{key}»")
    }

    #[test]
    fn every_kinds_cms_fields_equal_the_loaders_fields() {
        for kind in KINDS {
            let ids = vec![("nang-luc-thong-tin".to_string(), "Năng lực thông tin".to_string())];
            let widgets = widgets(kind, Language::Vi, &ui, &ids);
            let names: Vec<&str> = widgets.iter().map(|w| w.name).filter(|n| *n != "body").collect();
            let loader_names: Vec<&str> = page_fields(kind).iter().map(|f| f.name).collect();
            assert_eq!(names, loader_names, "{kind:?}");
            // Every value the editor writes is one the loader accepts.
            let front = written_by(&widgets);
            assert_eq!(loader(&front, kind), vec![], "{kind:?}");
            // A field the editor does not have is one the loader refuses.
            let mut extra = front.clone();
            extra.push(Field { key: "starts".into(), value: "x".into(), line: 99 });
            assert!(matches!(&loader(&extra, kind)[..], [Problem::UnknownField { field, .. }] if field == "starts"));
            for widget in widgets.iter().filter(|w| w.name != "body") {
                let without: Vec<Field> = front.iter().filter(|f| f.key != widget.name).cloned().collect();
                let mut problems = loader(&without, kind);
                if widget.name == "image_alt" {
                    // Required only beside an image, as its hint says: the editor cannot say so.
                    assert_eq!(problems, vec![Problem::ImageWithoutAlt]);
                    problems.clear();
                }
                if widget.name == "source" {
                    // A news item's `source_url` needs its `source`, as the hint says.
                    assert_eq!(problems, vec![Problem::SourceUrlWithoutSource]);
                    problems.clear();
                }
                // Required in the editor exactly when the loader refuses the page without it.
                let missing = problems.contains(&Problem::MissingField { field: widget.name });
                assert_eq!(widget.required, missing, "{kind:?} {}: {problems:?}", widget.name);
                assert!(widget.required || problems.is_empty(), "{kind:?} {}: {problems:?}", widget.name);
                assert!(
                    field_label(widget.name, Language::Vi).is_some()
                        && field_label(widget.name, Language::En).is_some()
                );
            }
        }
    }

    #[test]
    fn selects_offer_exactly_the_loaders_choices_with_ui_labels() {
        for kind in KINDS {
            for (spec, widget) in page_fields(kind).iter().zip(widgets(kind, Language::En, &ui, &[])) {
                let FieldType::Choice(values) = spec.ty else { continue };
                assert_eq!(widget.widget, "select");
                let options = widget.options["options"].as_array().unwrap();
                let offered: Vec<&str> = options.iter().map(|o| o["value"].as_str().unwrap()).collect();
                assert_eq!(offered, values, "{kind:?} {}", spec.name);
                assert!(options.iter().all(|o| o["label"].as_str().unwrap().starts_with('«')), "{options:?}");
                let mut front = written_by(&widgets(kind, Language::En, &ui, &[]));
                front.iter_mut().find(|f| f.key == spec.name).unwrap().value = "podcast".into();
                assert!(loader(&front, kind)
                    .iter()
                    .any(|p| matches!(p, Problem::NotOneOf { field, .. } if field == spec.name)));
            }
        }
        let plan = widgets(Kind::Plans, Language::Vi, &ui, &[("a".into(), "A".into())]);
        let indicators = plan.iter().find(|w| w.name == "indicators").unwrap();
        assert_eq!((indicators.widget, indicators.options["multiple"].as_bool()), ("select", Some(true)));
    }

    #[test]
    fn dates_are_days_and_event_times_carry_their_offset() {
        let event = widgets(Kind::Events, Language::Vi, &ui, &[]);
        let format = |name: &str| event.iter().find(|w| w.name == name).unwrap().options["format"].clone();
        assert_eq!(format("start"), "YYYY-MM-DDTHH:mm:ssZ");
        assert_eq!(format("date"), "YYYY-MM-DD");
    }

    #[test]
    fn a_field_the_loader_would_refuse_cannot_be_generated() {
        let mut fields = page_fields(Kind::News);
        fields.iter_mut().find(|f| f.name == "weight").unwrap().ty = FieldType::Text;
        let Err(crate::Error::Content(d)) =
            check_against_loader("tin-tuc", Kind::News, &fields, Path::new("content/tin-tuc/_index.md"))
        else {
            panic!("a text weight was accepted")
        };
        let d = &d[0];
        assert!(
            matches!(&d.problem, Problem::CmsFieldRejected { collection, field, .. } if collection == "tin-tuc" && field == "weight")
        );
        let (message, _) = d.message(Language::Vi);
        assert!(message.contains("`weight`") && message.contains("sai kiểu"), "{message}");
        fields = page_fields(Kind::News);
        fields.push(FieldSpec { name: "byline", ty: FieldType::Text, required: false });
        let Err(crate::Error::Content(d)) = check_against_loader("tin-tuc", Kind::News, &fields, Path::new("x")) else {
            panic!("accepted")
        };
        let d = &d[0];
        assert!(matches!(&d.problem, Problem::CmsFieldRejected { field, .. } if field == "byline"));
        for kind in KINDS {
            assert!(check_against_loader("x", kind, &page_fields(kind), Path::new("x")).is_ok());
        }
    }
}
