//! JSON Schemas (draft 2020-12) of each kind's front-matter, for editors (YAML language
//! servers) and CI tools that check files without pobox.
//!
//! pobox reads front-matter field by field (see [`crate::model::fields`]) rather than
//! through serde structs, so the schemas come from the structs here, which mirror what the
//! reader accepts: a text field takes any scalar, a count a whole number of zero or more, a
//! date `YYYY-MM-DD`, a list a sequence of scalars, and an empty value (`key:`) is the same
//! as no key. The fixed vocabularies (`moscow`, `horizon`, `power`, `interest`, meeting
//! `type`, sprint and risk `status`, risk scores 1 to 5) come from the validator's own
//! tables. What a workspace configures (its workflow statuses, estimate scale, id prefixes)
//! and the cross-file rules are left to `pobox validate`. Unknown fields are allowed:
//! pobox keeps them.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::model::kind::Kind;

/// The `$id` base of the published schemas.
pub const ID_BASE: &str = "https://pobox.invalid/schema/";

/// What `pobox schema` can print: every kind, then `config` (pobox.yaml).
#[must_use]
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    names.push(CONFIG);
    names
}

/// The name of pobox.yaml's schema.
pub const CONFIG: &str = "config";

/// The schema of pobox.yaml, as pretty JSON text ending in a newline.
#[must_use]
pub fn for_config() -> String {
    finish(schemars::schema_for!(ConfigFile), CONFIG)
}

fn finish(mut schema: Schema, name: &str) -> String {
    schema.insert("$id".to_owned(), format!("{ID_BASE}{name}.schema.json").into());
    // Fields pobox does not know are kept, so they are allowed.
    schema.insert("additionalProperties".to_owned(), true.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of `kind`'s front-matter, as pretty JSON text ending in a newline.
#[must_use]
pub fn for_kind(kind: Kind) -> String {
    let schema = match kind {
        Kind::Story => schemars::schema_for!(Story),
        Kind::Epic => schemars::schema_for!(Epic),
        Kind::Stakeholder => schemars::schema_for!(Stakeholder),
        Kind::Meeting => schemars::schema_for!(Meeting),
        Kind::Sprint => schemars::schema_for!(Sprint),
        Kind::Risk => schemars::schema_for!(Risk),
        Kind::Decision => schemars::schema_for!(Decision),
    };
    finish(schema, kind.as_str())
}

/// The schema named `name`: a kind (singular or plural) or `config`.
#[must_use]
pub fn by_name(name: &str) -> Option<String> {
    if name == CONFIG {
        return Some(for_config());
    }
    Kind::parse(name).map(for_kind)
}

// ---- value types, each matching one reader of `model::fields::Fields` ----

/// A value type, described by a fixed schema, written inline where it is used.
macro_rules! value_type {
    ($(#[$doc:meta])* $name:ident => $schema:tt) => {
        $(#[$doc])*
        struct $name;
        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

value_type!(
    /// `Fields::text`: any scalar (numbers and booleans are read as their text).
    Text => { "type": ["string", "number", "boolean", "null"] }
);
value_type!(
    /// `id` and `title`: a scalar that is not blank.
    Required => { "anyOf": [{ "type": "string", "pattern": "\\S" }, { "type": ["number", "boolean"] }] }
);
value_type!(
    /// `Fields::count`: a whole number, zero or more.
    Count => { "type": ["integer", "null"], "minimum": 0, "maximum": 4_294_967_295_u64 }
);
value_type!(
    /// `Fields::number`: any finite number.
    Number => { "type": ["number", "null"] }
);
value_type!(
    /// `Fields::boolean`.
    Bool => { "type": ["boolean", "null"] }
);
value_type!(
    /// `Fields::date`: `YYYY-MM-DD`.
    Date => { "type": ["string", "null"], "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }
);
value_type!(
    /// `Fields::text_list`: a list of scalars (one text alone is not a list).
    List => { "type": ["array", "null"], "items": { "type": ["string", "number", "boolean"] } }
);

fn one_of(words: &[&str]) -> Schema {
    let mut values: Vec<serde_json::Value> = words.iter().map(|w| (*w).into()).collect();
    values.push(serde_json::Value::Null);
    json_schema!({ "enum": values })
}

fn moscow(_: &mut SchemaGenerator) -> Schema {
    one_of(&crate::validate::values::MOSCOW)
}
fn horizon(_: &mut SchemaGenerator) -> Schema {
    one_of(&crate::validate::values::HORIZONS)
}
fn level(_: &mut SchemaGenerator) -> Schema {
    one_of(&crate::validate::values::LEVELS)
}
fn meeting_type(_: &mut SchemaGenerator) -> Schema {
    one_of(&crate::templates::MEETING_TYPES)
}
fn sprint_status(_: &mut SchemaGenerator) -> Schema {
    one_of(Kind::Sprint.own_statuses().unwrap_or_default())
}
fn risk_status(_: &mut SchemaGenerator) -> Schema {
    one_of(Kind::Risk.own_statuses().unwrap_or_default())
}
fn decision_status(_: &mut SchemaGenerator) -> Schema {
    one_of(Kind::Decision.own_statuses().unwrap_or_default())
}
fn one_to_five(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["integer", "null"], "minimum": 1, "maximum": 5 })
}

// ---- the kinds; doc comments become the descriptions (wording from docs/format.md) ----

/// Weighted Shortest Job First inputs; Cost of Delay is value + time_criticality +
/// risk_reduction.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct Wsjf {
    /// User-business value (1, 2, 3, 5, 8, 13, 20).
    value: Option<Number>,
    /// Time criticality (1, 2, 3, 5, 8, 13, 20).
    time_criticality: Option<Number>,
    /// Risk reduction / opportunity enablement (1, 2, 3, 5, 8, 13, 20).
    risk_reduction: Option<Number>,
    /// Job size (1, 2, 3, 5, 8, 13, 20; default: the story's points).
    job_size: Option<Number>,
}

/// RICE inputs: Reach × Impact × Confidence / Effort.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct Rice {
    /// People or events per period.
    reach: Option<Number>,
    /// 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    impact: Option<Number>,
    /// 1 high, 0.8 medium, 0.5 low.
    confidence: Option<Number>,
    /// Person-months.
    effort: Option<Number>,
}

/// ICE inputs, each 1 to 10.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct Ice {
    /// 1 to 10.
    impact: Option<Number>,
    /// 1 to 10.
    confidence: Option<Number>,
    /// 1 to 10.
    ease: Option<Number>,
}

/// The front-matter of a story (`backlog/stories/S-42-….md`).
#[derive(JsonSchema)]
#[schemars(title = "pobox story")]
#[allow(dead_code)]
struct Story {
    /// The id, prefix and number: `S-42`; the file name starts with it.
    id: Required,
    /// A short name people will recognise.
    title: Required,
    /// A status of the workspace's workflow (pobox.yaml `statuses`).
    status: Option<Text>,
    /// The epic it belongs to (an epic id).
    epic: Option<Text>,
    /// The estimate, on the workspace's `estimate_scale`.
    points: Option<Count>,
    /// The sprint it is planned in (a sprint id).
    sprint: Option<Text>,
    /// MoSCoW priority.
    #[schemars(default, schema_with = "moscow")]
    moscow: Option<String>,
    /// Labels.
    labels: Option<List>,
    /// Stakeholders who asked for it (stakeholder ids).
    stakeholders: Option<List>,
    /// Prerequisites (story ids).
    depends_on: Option<List>,
    /// WSJF inputs.
    wsjf: Option<Wsjf>,
    /// RICE inputs.
    rice: Option<Rice>,
    /// ICE inputs.
    ice: Option<Ice>,
    /// Position in the ordered backlog (written by `pobox prioritize --write`).
    rank: Option<Number>,
    /// Who works on it.
    assignee: Option<Text>,
    /// Who owns it (default: git's user.name).
    owner: Option<Text>,
    /// Who accepted it as done.
    accepted_by: Option<Text>,
    /// The day it was created.
    created: Option<Date>,
}

/// The front-matter of an epic (`backlog/epics/E-3-….md`).
#[derive(JsonSchema)]
#[schemars(title = "pobox epic")]
#[allow(dead_code)]
struct Epic {
    /// The id, prefix and number: `E-3`.
    id: Required,
    /// A short name people will recognise.
    title: Required,
    /// A status of the workspace's workflow.
    status: Option<Text>,
    /// Roadmap horizon.
    #[schemars(default, schema_with = "horizon")]
    horizon: Option<String>,
    /// Target day.
    target: Option<Date>,
    /// MoSCoW priority.
    #[schemars(default, schema_with = "moscow")]
    moscow: Option<String>,
    /// WSJF inputs.
    wsjf: Option<Wsjf>,
    /// RICE inputs.
    rice: Option<Rice>,
    /// ICE inputs.
    ice: Option<Ice>,
    /// Position among epics.
    rank: Option<Number>,
    /// Prerequisites (epic ids).
    depends_on: Option<List>,
    /// Who owns it.
    owner: Option<Text>,
    /// Labels.
    labels: Option<List>,
    /// "We believe that … will result in …"
    benefit_hypothesis: Option<Text>,
    /// The day it was created.
    created: Option<Date>,
}

/// The front-matter of a stakeholder profile (`backlog/stakeholders/dana.md`).
#[derive(JsonSchema)]
#[schemars(title = "pobox stakeholder")]
#[allow(dead_code)]
struct Stakeholder {
    /// A handle: lower-case letters, digits and `-`, the file's name.
    id: Required,
    /// The person's name.
    title: Required,
    /// Their role.
    role: Option<Text>,
    /// Their organization.
    organization: Option<Text>,
    /// Power on the power/interest grid.
    #[schemars(default, schema_with = "level")]
    power: Option<String>,
    /// Interest on the power/interest grid.
    #[schemars(default, schema_with = "level")]
    interest: Option<String>,
    /// Days between contacts they expect.
    cadence_days: Option<Count>,
    /// How to reach them.
    contact: Option<Text>,
    /// Who keeps in touch with them.
    owner: Option<Text>,
    /// Labels.
    labels: Option<List>,
    /// The day it was created.
    created: Option<Date>,
}

/// The front-matter of meeting notes (`backlog/meetings/2026-11-20-sprint-review.md`).
#[derive(JsonSchema)]
#[schemars(title = "pobox meeting")]
#[allow(dead_code)]
struct Meeting {
    /// The file's name: date and type, `2026-11-20-sprint-review`.
    id: Required,
    /// What the meeting was.
    title: Required,
    /// The meeting type (each has a template).
    #[schemars(rename = "type")]
    #[schemars(default, schema_with = "meeting_type")]
    meeting_type: Option<String>,
    /// The day it took place.
    date: Option<Date>,
    /// Who attended (stakeholder ids or names).
    attendees: Option<List>,
    /// The sprint it belongs to.
    sprint: Option<Text>,
    /// Who ran it.
    owner: Option<Text>,
    /// Labels.
    labels: Option<List>,
    /// The day it was created.
    created: Option<Date>,
}

/// The front-matter of a sprint (`backlog/sprints/SP-3.md`).
#[derive(JsonSchema)]
#[schemars(title = "pobox sprint")]
#[allow(dead_code)]
struct Sprint {
    /// The id, prefix and number: `SP-3`.
    id: Required,
    /// Its name, e.g. "Sprint 3".
    title: Required,
    /// First day.
    start: Option<Date>,
    /// Last day.
    end: Option<Date>,
    /// The sprint goal.
    goal: Option<Text>,
    /// Capacity in points.
    capacity: Option<Count>,
    /// planned, active or closed.
    #[schemars(default, schema_with = "sprint_status")]
    status: Option<String>,
    /// Whether the goal was met (recorded after closing).
    goal_met: Option<Bool>,
    /// Who owns it.
    owner: Option<Text>,
    /// Labels.
    labels: Option<List>,
    /// The day it was created.
    created: Option<Date>,
}

/// The front-matter of a risk (`backlog/risks/R-2-….md`).
#[derive(JsonSchema)]
#[schemars(title = "pobox risk")]
#[allow(dead_code)]
struct Risk {
    /// The id, prefix and number: `R-2`.
    id: Required,
    /// The risk, in a few words.
    title: Required,
    /// 1 (rare) to 5 (almost certain).
    #[schemars(default, schema_with = "one_to_five")]
    likelihood: Option<u8>,
    /// 1 (minor) to 5 (severe).
    #[schemars(default, schema_with = "one_to_five")]
    impact: Option<u8>,
    /// open, mitigated or closed.
    #[schemars(default, schema_with = "risk_status")]
    status: Option<String>,
    /// Who owns it.
    owner: Option<Text>,
    /// What is done about it.
    mitigation: Option<Text>,
    /// Items it concerns (ids).
    related: Option<List>,
    /// Labels.
    labels: Option<List>,
    /// The day it was created.
    created: Option<Date>,
}

/// The front-matter of a decision record (`backlog/decisions/D-3-….md`), the ADR convention's.
#[derive(JsonSchema)]
#[schemars(title = "pobox decision")]
#[allow(dead_code)]
struct Decision {
    /// The id, prefix and number: `D-3`.
    id: Required,
    /// The decision, in a few words: "Use Postgres for orders".
    title: Required,
    /// proposed, accepted, rejected or superseded.
    #[schemars(default, schema_with = "decision_status")]
    status: Option<String>,
    /// When it was decided.
    date: Option<Date>,
    /// Who decided: stakeholder handles, or names.
    deciders: Option<List>,
    /// Who was consulted (MADR's RACI field).
    consulted: Option<List>,
    /// Who was informed (MADR's RACI field).
    informed: Option<List>,
    /// The decisions it replaces (ids).
    supersedes: Option<List>,
    /// Items it concerns (ids).
    related: Option<List>,
    /// Labels.
    labels: Option<List>,
    /// Who owns it.
    owner: Option<Text>,
    /// The day it was created.
    created: Option<Date>,
}

// ---- pobox.yaml, as `config::Config::parse` and `edit::FormatSettings` read it ----

fn estimate_scale(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["array", "null"],
        "items": { "anyOf": [{ "type": "integer", "minimum": 0, "maximum": 4_294_967_295_u64 }, { "type": "string", "pattern": "^[0-9]+$" }] }
    })
}

fn id_prefixes(_: &mut SchemaGenerator) -> Schema {
    let mut properties = serde_json::Map::new();
    for kind in Kind::ALL {
        properties.insert(
            kind.as_str().to_owned(),
            json_schema!({ "type": ["string", "number", "boolean", "null"] }).into(),
        );
    }
    json_schema!({ "type": ["object", "null"], "properties": properties })
}

fn status_categories(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = crate::workflow::Category::ALL.iter().map(|c| c.as_str()).collect();
    json_schema!({
        "type": ["object", "null"],
        "additionalProperties": { "enum": names }
    })
}

fn rules(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = crate::diag::Code::ALL.iter().flat_map(|c| [c.as_str(), c.name()]).collect();
    json_schema!({
        "type": ["object", "null"],
        "propertyNames": { "enum": names },
        "additionalProperties": { "enum": ["error", "warning", "warn", "info", "off", false] }
    })
}

fn format_settings(_: &mut SchemaGenerator) -> Schema {
    let kinds: Vec<&str> = Kind::ALL.iter().flat_map(|k| [k.as_str(), k.folder()]).collect();
    json_schema!({
        "type": ["object", "null"],
        "properties": {
            "key_order": {
                "description": "Per kind, the keys to put first; the kind's own order follows.",
                "type": "object",
                "propertyNames": { "enum": kinds },
                "additionalProperties": { "type": "array", "items": { "type": "string" } }
            },
            "list_style": { "description": "How lists are written.", "enum": ["flow", "block"] },
            "date_format": { "description": "YYYY-MM-DD, the only form pobox reads.", "enum": ["iso"] }
        },
        "additionalProperties": false
    })
}

/// pobox.yaml, the workspace's settings.
#[derive(JsonSchema)]
#[schemars(title = "pobox.yaml")]
#[allow(dead_code)]
struct ConfigFile {
    /// The product's name, used in reports (`pobox init` writes it).
    product: Option<Text>,
    /// The folder, relative to pobox.yaml, that holds all items (default: backlog).
    backlog_dir: Option<Text>,
    /// The usual length of a sprint in calendar days (default: 14).
    sprint_length_days: Option<Count>,
    /// The workflow, in order (default: draft, ready, in-progress, review, done, dropped).
    statuses: Option<List>,
    /// The category of a workflow status: not-started, in-progress, done or dropped. A status
    /// not named here gets one from its place in `statuses`.
    #[schemars(default, schema_with = "status_categories")]
    status_categories: Option<String>,
    /// The values allowed for story points (default: 1, 2, 3, 5, 8, 13, 20).
    #[schemars(default, schema_with = "estimate_scale")]
    estimate_scale: Option<Vec<u32>>,
    /// The method `pobox prioritize` uses: wsjf, rice, ice, moscow, value-effort or cd3.
    prioritization: Option<Text>,
    /// The letters in front of the number in an id, per kind.
    #[schemars(default, schema_with = "id_prefixes")]
    id_prefixes: Option<String>,
    /// Story points above this are "not Small" (default: 13).
    split_threshold: Option<Count>,
    /// Severity per rule, by code or name: error, warning, info or off.
    #[schemars(default, schema_with = "rules")]
    rules: Option<String>,
    /// How `pobox fmt` writes front-matter.
    #[schemars(default, schema_with = "format_settings")]
    format: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diag::Code;
    use crate::model::read::{ReadOptions, read_item};

    fn properties(kind: Kind) -> serde_json::Map<String, serde_json::Value> {
        let schema: serde_json::Value = serde_json::from_str(&for_kind(kind)).unwrap();
        schema["properties"].as_object().unwrap().clone()
    }

    /// A value of the type the schema asks for, and one of a type it refuses.
    fn good_and_bad(prop: &serde_json::Value) -> (&'static str, &'static str) {
        let text = prop.to_string();
        if text.contains("\"format\":\"date\"") {
            ("2026-11-22", "[a]")
        } else if text.contains("\"enum\"") {
            let first = prop["enum"][0].as_str().unwrap();
            (Box::leak(first.to_owned().into_boxed_str()), "[a]")
        } else if text.contains("\"minimum\":1") {
            ("3", "[a]")
        } else if text.contains("\"integer\"") {
            ("3", "text")
        } else if text.contains("\"array\"") {
            ("[a, b]", "{a: 1}")
        } else if text.contains("\"boolean\",\"null\"") && !text.contains("string") {
            ("true", "text")
        } else if text.contains("\"number\",\"null\"") && !text.contains("string") {
            ("2.5", "text")
        } else if text.contains("$ref") || text.contains("\"object\"") {
            ("{}", "text")
        } else {
            ("some text", "[a]")
        }
    }

    fn read(kind: Kind, yaml: &str) -> (crate::model::item::Item, Vec<crate::diag::Diagnostic>) {
        let text = format!("---\n{yaml}---\n");
        let name = format!("backlog/{}/x.md", kind.folder());
        read_item(
            kind,
            Path::new(&name),
            text.as_bytes(),
            ReadOptions {
                prefix: None,
                mention_prefixes: &[],
                body: false,
            },
        )
    }

    #[test]
    fn the_schema_lists_exactly_the_fields_of_the_key_order() {
        for kind in Kind::ALL {
            let mut schema: Vec<String> = properties(kind).keys().cloned().collect();
            let mut order: Vec<String> = kind.key_order().iter().map(|k| (*k).to_owned()).collect();
            // `labels` is read for every kind; only some templates write it.
            if !order.contains(&"labels".to_owned()) {
                order.push("labels".to_owned());
            }
            schema.sort();
            order.sort();
            assert_eq!(schema, order, "{kind}");
        }
    }

    #[test]
    fn every_schema_field_is_read_by_the_validator_with_the_schemas_type() {
        for kind in Kind::ALL {
            for (key, prop) in properties(kind) {
                let (good, bad) = good_and_bad(&prop);
                let base = if key == "id" || key == "title" {
                    String::new()
                } else {
                    "id: x\ntitle: t\n".to_owned()
                };
                // A value of the schema's type is read, not kept as an unknown field.
                let (item, diags) = read(kind, &format!("{base}{key}: {good}\n"));
                assert!(
                    !diags.iter().any(|d| matches!(d.code, Code::WrongType | Code::InvalidDate)),
                    "{kind}.{key}: {good}: {diags:?}"
                );
                assert!(!item.extra.contains_key(&key), "{kind}.{key} is not read by the validator");
                // A value of another type is refused by the validator too.
                let (_, diags) = read(kind, &format!("{base}{key}: {bad}\n"));
                assert!(
                    diags.iter().any(|d| d.code == Code::WrongType),
                    "{kind}.{key}: {bad} should be refused: {diags:?}"
                );
            }
        }
    }

    #[test]
    fn every_config_field_is_read_by_pobox_and_refused_with_another_type() {
        let schema: serde_json::Value = serde_json::from_str(&for_config()).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        assert!(schema["required"].is_null(), "pobox needs no setting");
        for key in properties.keys() {
            // Read by pobox: not kept as an unknown setting.
            let (config, diags) = crate::config::Config::parse(&format!("{key}:\n"), Path::new("pobox.yaml"));
            assert!(diags.is_empty() && !config.extra.contains_key(key) || key == "format", "{key}");
            // A list where the schema wants something else, or text where it wants a list
            // or mapping, is refused.
            let (bad, refused) = match properties[key]["type"].to_string().as_str() {
                t if t.contains("array") || t.contains("object") => ("text", "text"),
                _ => ("[a]", "[a]"),
            };
            let (config, diags) = crate::config::Config::parse(&format!("{key}: {bad}\n"), Path::new("pobox.yaml"));
            let refused_by_pobox = !diags.is_empty() || crate::edit::FormatSettings::from_config(&config).is_err();
            assert!(refused_by_pobox, "pobox.yaml `{key}: {refused}` should be refused");
        }
    }

    #[test]
    fn unknown_fields_are_allowed_and_id_title_required() {
        for kind in Kind::ALL {
            let schema: serde_json::Value = serde_json::from_str(&for_kind(kind)).unwrap();
            assert_eq!(schema["additionalProperties"], true);
            assert_eq!(schema["required"], serde_json::json!(["id", "title"]));
            assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        }
    }
}
