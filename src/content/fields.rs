//! Typed front matter per kind, checked field by field so one file reports all its problems.

use std::path::Path;

use serde_json::Value;

use super::front_matter::Field;
use super::Kind;
use crate::dates::Date;
use crate::diagnostics::{nearest, Diagnostic, Expected, Location, Problem};
use crate::output::problem::OutputProblem;
use crate::url_policy;

/// What a front-matter field holds: how the loader reads it and which CMS widget writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text (numbers are accepted and read as text).
    Text,
    /// A paragraph of text.
    LongText,
    /// A calendar day, `2024-04-21` (a date with a time is accepted too).
    Date,
    /// A day and a time with its offset, `2025-04-21T07:30:00+07:00` (a plain day is accepted).
    DateTime,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// A list of texts.
    TextList,
    /// A web address that [`url_policy`] allows.
    Link,
    /// One of a fixed list of values.
    Choice(&'static [&'static str]),
    /// A list of indicator ids of the portal (checked once indicators are loaded).
    IndicatorIds,
    /// An image: a file of the page bundle or `static/`, or a web address.
    Image,
    /// An attached file: a file of the page bundle or `static/`, or a web address.
    File,
}

/// One front-matter field: the loader checks pages against these tables and the CMS
/// configuration is generated from them, so both always accept the same fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The key as written in front matter.
    pub name: &'static str,
    /// What it holds.
    pub ty: FieldType,
    /// Whether a file without it is refused.
    pub required: bool,
}

const fn field(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { name, ty, required: false }
}

const fn required(name: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { name, ty, required: true }
}

use FieldType as T;

/// Fields every page accepts (`date` is required of news, see [`page_fields`]).
const COMMON: &[FieldSpec] = &[
    required("title", T::Text),
    field("date", T::Date),
    field("updated", T::Date),
    field("summary", T::LongText),
    field("tags", T::TextList),
    field("commune", T::Text),
    field("draft", T::Bool),
    field("slug", T::Text),
    field("aliases", T::TextList),
    field("image", T::Image),
    field("image_alt", T::Text),
    field("weight", T::Integer),
    field("featured", T::Bool),
];
const PLAN: &[FieldSpec] = &[
    field("number", T::Text),
    field("issuer", T::Text),
    field("issued", T::Date),
    field("period", T::Text),
    field("status", T::Choice(PLAN_STATUSES)),
    field("indicators", T::IndicatorIds),
    field("document", T::File),
    field("reference", T::Bool),
];
const NEWS: &[FieldSpec] = &[field("author", T::Text), field("source", T::Text), field("source_url", T::Link)];
const ROLE_MODEL: &[FieldSpec] =
    &[required("category", T::Choice(CATEGORIES)), field("recognized", T::Integer), field("achievements", T::TextList)];
const RESOURCE: &[FieldSpec] = &[
    required("type", T::Choice(RESOURCE_TYPES)),
    field("url", T::Link),
    field("file", T::File),
    field("topics", T::TextList),
    field("audience", T::TextList),
    field("level", T::Text),
    field("language", T::Text),
    field("license", T::Text),
    field("duration", T::Text),
    field("pages", T::Integer),
    field("publisher", T::Text),
    field("size", T::Text),
];
const EVENT: &[FieldSpec] = &[
    required("start", T::DateTime),
    field("end", T::DateTime),
    field("location", T::Text),
    field("type", T::Choice(EVENT_TYPES)),
    field("organizer", T::Text),
    field("registration", T::Link),
];
/// The fields of a section's `_index.md`.
pub const SECTION: &[FieldSpec] = &[
    required("title", T::Text),
    field("kind", T::Choice(KINDS)),
    field("summary", T::LongText),
    field("intro", T::LongText),
    field("sort_by", T::Choice(SORT_BY)),
    field("paginate_by", T::Integer),
    field("weight", T::Integer),
    field("in_menu", T::Bool),
];

/// The fields a page of `kind` accepts, in the order the CMS shows them.
pub fn page_fields(kind: Kind) -> Vec<FieldSpec> {
    let own: &[FieldSpec] = match kind {
        Kind::Plans => PLAN,
        Kind::RoleModels => ROLE_MODEL,
        Kind::Resources => RESOURCE,
        Kind::Events => EVENT,
        Kind::News => NEWS,
        Kind::Pages | Kind::Indicators => &[],
    };
    let common =
        COMMON.iter().map(|f| FieldSpec { required: f.required || (kind == Kind::News && f.name == "date"), ..*f });
    common.chain(own.iter().copied()).collect()
}

/// Plan statuses.
pub const PLAN_STATUSES: &[&str] = &["draft", "in-force", "expired"];
/// Role-model categories.
pub const CATEGORIES: &[&str] = &["citizen", "family", "clan", "unit", "community"];
/// Resource types.
pub const RESOURCE_TYPES: &[&str] = &["video", "audio", "ebook", "course", "document", "website"];
/// Event types.
pub const EVENT_TYPES: &[&str] = &["reading-day", "lifelong-learning-week", "encouragement-month", "other"];
/// Section kinds as written in `_index.md`.
pub const KINDS: &[&str] = &["news", "plans", "role-models", "resources", "events", "indicators", "pages"];
/// Section orderings.
pub const SORT_BY: &[&str] = &["date", "weight", "title"];

/// A page's front matter after checking.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    /// Title.
    pub title: String,
    /// Publication date.
    pub date: Option<Date>,
    /// Last update.
    pub updated: Option<Date>,
    /// Author-written summary.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The place: a province's commune or ward, a commune's hamlet (ấp, khóm, thôn).
    pub commune: Option<String>,
    /// Draft flag.
    pub draft: bool,
    /// URL slug override.
    pub slug: Option<(String, usize)>,
    /// Old URLs, each with its line.
    pub aliases: Vec<(String, usize)>,
    /// Image path and its line.
    pub image: Option<(String, usize)>,
    /// Image description.
    pub image_alt: String,
    /// Sort weight.
    pub weight: i64,
    /// Shown on the home page.
    pub featured: bool,
    /// Fields of the page's kind.
    pub extra: KindMeta,
}

/// The fields only one kind has.
#[derive(Debug, Clone, Default)]
pub enum KindMeta {
    /// Standalone pages.
    #[default]
    None,
    /// A news item (tin tức).
    News(NewsMeta),
    /// A plan (kế hoạch).
    Plan(PlanMeta),
    /// A role model (gương điển hình).
    RoleModel(RoleModelMeta),
    /// An open learning resource (học liệu mở).
    Resource(ResourceMeta),
    /// An event (sự kiện).
    Event(EventMeta),
}

/// Plan fields.
#[derive(Debug, Clone, Default)]
pub struct PlanMeta {
    /// `322/KH-UBND`.
    pub number: String,
    /// Issuing body.
    pub issuer: String,
    /// Date issued.
    pub issued: Option<Date>,
    /// `2021-2030`.
    pub period: String,
    /// `draft`, `in-force`, `expired` or empty.
    pub status: String,
    /// Indicator ids.
    pub indicators: Vec<String>,
    /// Line of the `indicators` field, for unknown ids.
    pub indicators_line: usize,
    /// Line and column of each id in `indicators`, when the loader could find them.
    pub indicators_at: Vec<(usize, usize)>,
    /// Attached document and its line.
    pub document: Option<(String, usize)>,
    /// Another authority's plan, published for reference: the portal's own plans come first.
    pub reference: bool,
}

/// News fields: who wrote it and where it was first published.
#[derive(Debug, Clone, Default)]
pub struct NewsMeta {
    /// Author's name.
    pub author: String,
    /// The publication it comes from.
    pub source: String,
    /// Link to the original, checked by [`url_policy`].
    pub source_url: String,
}

/// Role-model fields.
#[derive(Debug, Clone, Default)]
pub struct RoleModelMeta {
    /// One of [`CATEGORIES`].
    pub category: String,
    /// Year recognised.
    pub recognized: Option<i64>,
    /// Achievements.
    pub achievements: Vec<String>,
}

/// Resource fields.
#[derive(Debug, Clone, Default)]
pub struct ResourceMeta {
    /// One of [`RESOURCE_TYPES`].
    pub kind: String,
    /// External link.
    pub url: String,
    /// Attached file and its line.
    pub file: Option<(String, usize)>,
    /// Topics.
    pub topics: Vec<String>,
    /// Audience.
    pub audience: Vec<String>,
    /// Level.
    pub level: String,
    /// Language of the material.
    pub language: String,
    /// Licence.
    pub license: String,
    /// Duration text.
    pub duration: String,
    /// Page count.
    pub pages: Option<i64>,
    /// Publisher.
    pub publisher: String,
    /// Download size text.
    pub size: String,
}

/// Event fields.
#[derive(Debug, Clone)]
pub struct EventMeta {
    /// Start.
    pub start: Date,
    /// End.
    pub end: Option<Date>,
    /// Place.
    pub location: String,
    /// One of [`EVENT_TYPES`] or empty.
    pub kind: String,
    /// Organiser.
    pub organizer: String,
    /// Registration URL.
    pub registration: String,
}

/// A section's `_index.md` front matter.
#[derive(Debug, Clone, Default)]
pub struct SectionMeta {
    /// Title.
    pub title: String,
    /// Declared kind, if any.
    pub kind: Option<Kind>,
    /// Summary under the title.
    pub summary: Option<String>,
    /// Home page intro.
    pub intro: Option<String>,
    /// `date`, `weight` or `title`.
    pub sort_by: Option<String>,
    /// Items per page.
    pub paginate_by: Option<usize>,
    /// Menu order.
    pub weight: i64,
    /// Whether it appears in the derived menu.
    pub in_menu: bool,
}

/// Reads typed values out of fields, collecting a diagnostic for each bad one.
struct Reader<'a> {
    fields: &'a [Field],
    path: &'a Path,
    open_line: usize,
    problems: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// Reports every field `specs` does not name, and every required one that is missing.
    fn new(fields: &'a [Field], path: &'a Path, kind_name: &str, specs: &[FieldSpec]) -> Self {
        let mut reader = Reader { fields, path, open_line: 1, problems: Vec::new() };
        for field in fields {
            let known = specs.iter().map(|spec| spec.name);
            if !known.clone().any(|k| k == field.key) {
                let suggestion = nearest(&field.key, known);
                let problem = Problem::UnknownField { field: field.key.clone(), suggestion, kind: kind_name.into() };
                reader.report(field.line, problem);
            }
        }
        for spec in specs.iter().filter(|spec| spec.required) {
            if reader.get(spec.name).is_none() {
                // An empty value is reported at its own line, an absent one at the opening fence.
                let line = fields.iter().find(|f| f.key == spec.name).map_or(reader.open_line, |f| f.line);
                reader.report(line, Problem::MissingField { field: spec.name });
            }
        }
        reader
    }

    fn report(&mut self, line: usize, problem: Problem) {
        self.problems.push(Diagnostic::error(Location::line(self.path, line), problem));
    }

    /// The field named `key`; an empty text counts as absent, as the CMS writes a cleared
    /// field (`date = ""`) that way.
    fn get(&self, key: &str) -> Option<&'a Field> {
        self.fields.iter().find(|f| f.key == key && f.value.as_str().is_none_or(|s| !s.trim().is_empty()))
    }

    fn wrong(&mut self, field: &Field, expected: Expected) {
        self.report(field.line, Problem::WrongType { field: field.key.clone(), expected });
    }

    /// Text; numbers are accepted and written as text (`period = 2024`).
    fn text(&mut self, key: &str) -> Option<String> {
        let field = self.get(key)?;
        match &field.value {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                self.wrong(field, Expected::Text);
                None
            }
        }
    }

    fn text_or_empty(&mut self, key: &str) -> String {
        self.text(key).unwrap_or_default()
    }

    fn text_at(&mut self, key: &str) -> Option<(String, usize)> {
        let line = self.get(key)?.line;
        self.text(key).filter(|s| !s.is_empty()).map(|s| (s, line))
    }

    /// A URL-valued field: text that [`url_policy`] allows, else an error at its line.
    fn url_at(&mut self, key: &str) -> Option<(String, usize)> {
        let (value, line) = self.text_at(key)?;
        match url_policy::check(&value) {
            Ok(()) => Some((value, line)),
            Err(refused) => {
                self.report(line, Problem::UnsafeUrl { field: Some(key.into()), value, scheme: refused.scheme });
                None
            }
        }
    }

    fn url_or_empty(&mut self, key: &str) -> String {
        self.url_at(key).map(|(value, _)| value).unwrap_or_default()
    }

    fn texts(&mut self, key: &str) -> Vec<String> {
        let Some(field) = self.get(key) else { return Vec::new() };
        let items = field.value.as_array().and_then(|items| {
            items.iter().map(|v| v.as_str().map(|s| s.trim().to_string())).collect::<Option<Vec<_>>>()
        });
        items.unwrap_or_else(|| {
            self.wrong(field, Expected::TextList);
            Vec::new()
        })
    }

    fn bool(&mut self, key: &str) -> Option<bool> {
        let field = self.get(key)?;
        field.value.as_bool().or_else(|| {
            self.wrong(field, Expected::Bool);
            None
        })
    }

    fn int(&mut self, key: &str) -> Option<i64> {
        let field = self.get(key)?;
        field.value.as_i64().or_else(|| {
            self.wrong(field, Expected::Integer);
            None
        })
    }

    fn date(&mut self, key: &str) -> Option<Date> {
        let field = self.get(key)?;
        let Some(text) = field.value.as_str() else {
            self.wrong(field, Expected::Date);
            return None;
        };
        Date::parse(text)
            .map_err(|e| {
                let problem = Problem::BadDate { field: key.into(), value: text.into(), rewritten: e.rewritten };
                self.report(field.line, problem);
            })
            .ok()
    }

    fn choice(&mut self, key: &str, allowed: &'static [&'static str]) -> String {
        let Some(value) = self.text(key) else { return String::new() };
        if !allowed.contains(&value.as_str()) {
            let line = self.get(key).map_or(1, |f| f.line);
            self.report(line, Problem::NotOneOf { field: key.into(), value: value.clone(), allowed });
            return String::new();
        }
        value
    }

    /// The title; an absent or empty one is reported by [`Reader::new`].
    fn require_title(&mut self) -> String {
        self.text("title").unwrap_or_default()
    }

    fn line_of(&self, key: &str) -> usize {
        self.get(key).map_or(self.open_line, |f| f.line)
    }
}

/// Checks a page's fields against the schema of `kind`.
pub fn read_page(fields: &[Field], path: &Path, kind: Kind) -> Result<PageMeta, Vec<Diagnostic>> {
    let mut r = Reader::new(fields, path, kind.as_str(), &page_fields(kind));
    let meta = read_common(&mut r, kind);
    if r.problems.is_empty() {
        Ok(meta)
    } else {
        Err(r.problems)
    }
}

fn read_common(r: &mut Reader<'_>, kind: Kind) -> PageMeta {
    let title = r.require_title();
    let date = r.date("date");
    let image = r.url_at("image");
    let image_alt = r.text_or_empty("image_alt");
    if image.is_some() && image_alt.is_empty() {
        r.report(r.line_of("image"), Problem::ImageWithoutAlt);
    }
    let aliases_line = r.line_of("aliases");
    let extra = match kind {
        Kind::Plans => KindMeta::Plan(read_plan(r)),
        Kind::RoleModels => KindMeta::RoleModel(read_role_model(r)),
        Kind::Resources => KindMeta::Resource(read_resource(r)),
        Kind::Events => read_event(r).map_or(KindMeta::None, KindMeta::Event),
        Kind::News => KindMeta::News(read_news(r)),
        Kind::Pages | Kind::Indicators => KindMeta::None,
    };
    let tags: Vec<String> = r.texts("tags").into_iter().filter(|t| !t.is_empty()).collect();
    let commune = r.text("commune").filter(|s| !s.is_empty());
    for (key, value) in tags.iter().map(|t| ("tags", t)).chain(commune.iter().map(|c| ("commune", c))) {
        check_term_name(r, key, value);
    }
    PageMeta {
        title,
        date,
        updated: r.date("updated"),
        summary: r.text("summary").filter(|s| !s.is_empty()),
        tags,
        commune,
        draft: r.bool("draft").unwrap_or(false),
        slug: r.text_at("slug"),
        aliases: r.texts("aliases").into_iter().map(|a| (a, aliases_line)).collect(),
        image,
        image_alt,
        weight: r.int("weight").unwrap_or(0),
        featured: r.bool("featured").unwrap_or(false),
        extra,
    }
}

/// A tag or commune becomes a folder of the site (`/chu-de/van-hoa-doc/`): its name must be
/// one every host can hold.
fn check_term_name(r: &mut Reader<'_>, key: &'static str, value: &str) {
    let name = crate::slug::slugify(value);
    if name.is_empty() {
        return;
    }
    if let Err(fault) = crate::output::names::check_name(&name) {
        let problem = OutputProblem::UnsafeName { field: key.to_string(), value: value.to_string(), name, fault };
        r.report(r.line_of(key), Problem::Output(problem));
    }
}

fn read_plan(r: &mut Reader<'_>) -> PlanMeta {
    PlanMeta {
        number: r.text_or_empty("number"),
        issuer: r.text_or_empty("issuer"),
        issued: r.date("issued"),
        period: r.text_or_empty("period"),
        status: r.choice("status", PLAN_STATUSES),
        indicators: r.texts("indicators"),
        indicators_line: r.line_of("indicators"),
        indicators_at: Vec::new(),
        document: r.url_at("document"),
        reference: r.bool("reference").unwrap_or(false),
    }
}

fn read_news(r: &mut Reader<'_>) -> NewsMeta {
    let meta = NewsMeta {
        author: r.text_or_empty("author"),
        source: r.text_or_empty("source"),
        source_url: r.url_or_empty("source_url"),
    };
    if !meta.source_url.is_empty() && meta.source.is_empty() {
        r.report(r.line_of("source_url"), Problem::SourceUrlWithoutSource);
    }
    meta
}

fn read_role_model(r: &mut Reader<'_>) -> RoleModelMeta {
    RoleModelMeta {
        category: r.choice("category", CATEGORIES),
        recognized: r.int("recognized"),
        achievements: r.texts("achievements"),
    }
}

fn read_resource(r: &mut Reader<'_>) -> ResourceMeta {
    let meta = ResourceMeta {
        kind: r.choice("type", RESOURCE_TYPES),
        url: r.url_or_empty("url"),
        file: r.url_at("file"),
        topics: r.texts("topics"),
        audience: r.texts("audience"),
        level: r.text_or_empty("level"),
        language: r.text_or_empty("language"),
        license: r.text_or_empty("license"),
        duration: r.text_or_empty("duration"),
        pages: r.int("pages"),
        publisher: r.text_or_empty("publisher"),
        size: r.text_or_empty("size"),
    };
    if meta.url.is_empty() && meta.file.is_none() && r.get("url").is_none() && r.get("file").is_none() {
        r.report(r.open_line, Problem::ResourceWithoutLink);
    }
    meta
}

fn read_event(r: &mut Reader<'_>) -> Option<EventMeta> {
    let start = r.date("start");
    let end = r.date("end");
    if let (Some(start), Some(end)) = (start, end) {
        // A plain end date lasts the whole day, so it may be the start's day.
        let before = if end.has_time { end.at < start.at } else { end.day() < start.day() };
        if before {
            r.report(r.line_of("end"), Problem::EndBeforeStart);
        }
    }
    Some(EventMeta {
        start: start?,
        end,
        location: r.text_or_empty("location"),
        kind: r.choice("type", EVENT_TYPES),
        organizer: r.text_or_empty("organizer"),
        registration: r.url_or_empty("registration"),
    })
}

/// Checks a section's `_index.md` fields.
pub fn read_section(fields: &[Field], path: &Path) -> Result<SectionMeta, Vec<Diagnostic>> {
    let mut r = Reader::new(fields, path, "section", SECTION);
    let kind = r.choice("kind", KINDS);
    let meta = SectionMeta {
        title: r.require_title(),
        kind: Kind::parse(&kind),
        summary: r.text("summary").filter(|s| !s.is_empty()),
        intro: r.text("intro").filter(|s| !s.is_empty()),
        sort_by: Some(r.choice("sort_by", SORT_BY)).filter(|s| !s.is_empty()),
        paginate_by: r.int("paginate_by").and_then(|n| usize::try_from(n).ok()).filter(|n| *n > 0),
        weight: r.int("weight").unwrap_or(0),
        in_menu: r.bool("in_menu").unwrap_or(true),
    };
    if r.problems.is_empty() {
        Ok(meta)
    } else {
        Err(r.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split};

    fn page(text: &str, kind: Kind) -> Result<PageMeta, Vec<Diagnostic>> {
        let fields = parse(&split(text).unwrap()).unwrap();
        read_page(&fields, Path::new("a.md"), kind)
    }

    fn problems(text: &str, kind: Kind) -> Vec<(usize, Problem)> {
        page(text, kind).unwrap_err().into_iter().map(|d| (d.location.line.unwrap(), d.problem)).collect()
    }

    #[test]
    fn can_read_a_valid_event() {
        let meta = page(
            "+++\ntitle = \"Ngày Sách\"\nstart = 2025-04-21T07:30:00+07:00\nend = 2025-04-21\ntype = \"reading-day\"\n+++\n",
            Kind::Events,
        )
        .unwrap();
        let KindMeta::Event(e) = meta.extra else { panic!("not an event") };
        assert_eq!(e.start.time(), "07:30");
        assert_eq!(e.kind, "reading-day");
    }

    #[test]
    fn reports_every_problem_of_a_file_with_its_line() {
        let text =
            "+++\ntitle = \"A\"\ndate = \"21/04/2024\"\ntag = [\"x\"]\ndraft = \"yes\"\nimage = \"a.jpg\"\n+++\n";
        let found = problems(text, Kind::News);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found.contains(&(
            3,
            Problem::BadDate { field: "date".into(), value: "21/04/2024".into(), rewritten: Some("2024-04-21".into()) }
        )));
        assert!(found.contains(&(
            4,
            Problem::UnknownField { field: "tag".into(), suggestion: Some("tags"), kind: "news".into() }
        )));
        assert!(found.contains(&(5, Problem::WrongType { field: "draft".into(), expected: Expected::Bool })));
        assert!(found.contains(&(6, Problem::ImageWithoutAlt)));
    }

    #[test]
    fn news_needs_a_title_and_a_date() {
        let found = problems("+++\nsummary = \"x\"\n+++\n", Kind::News);
        assert!(found.contains(&(1, Problem::MissingField { field: "title" })));
        assert!(found.contains(&(1, Problem::MissingField { field: "date" })));
    }

    #[test]
    fn kind_fields_are_unknown_on_other_kinds() {
        let found = problems("+++\ntitle = \"A\"\nstart = 2024-01-01\n+++\n", Kind::Pages);
        assert!(matches!(&found[0].1, Problem::UnknownField { field, .. } if field == "start"));
    }

    #[test]
    fn checks_choices_and_resource_links() {
        let found = problems("+++\ntitle = \"A\"\ntype = \"podcast\"\n+++\n", Kind::Resources);
        assert!(found.contains(&(
            3,
            Problem::NotOneOf { field: "type".into(), value: "podcast".into(), allowed: RESOURCE_TYPES }
        )));
        assert!(found.contains(&(1, Problem::ResourceWithoutLink)));
    }
}
