//! Finding the fields of an answer that a typed model does not know.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// The JSON paths that `raw` (an answer as the API sent it) has and `typed` (the typed value
/// decoded from it and serialised again with `serde_json::to_value`) does not: the fields the
/// model dropped while decoding, the first sign that OpenDota added something. Sorted, each
/// listed once.
///
/// Paths are written `players[].item_neutral2`: object keys joined by `.`, every array index
/// collapsed to `[]` and every all-digit key (the ids of a keyed map such as `/constants/heroes`)
/// to `{}`, so one new field is one path however many elements carry it. A key is reported
/// where the corresponding typed object lacks it, not below it.
///
/// A key that the typed object lacks but whose non-null value it holds under a key the answer
/// lacks is taken as read under another name (a serde `alias`: `/leagues/{id}/matches` sends
/// `radiant_team_name` for what serialises as `radiant_name`) and not reported, at that path
/// anywhere (other elements may have it `null`).
///
/// Only fields count. A value the model read as `None` (`null` in `typed`) is not reported,
/// nor is a place where the two have different kinds (a string the model split into a list),
/// except that a list compared with an object is compared element by element, since OpenDota
/// answers `[x]` or `x` where the typed method returns the other (`/leagues/{id}`,
/// `/teams/{id}/matches`). Arrays of the same length are compared element by element; when
/// the typed method dropped elements (`/live` drops expired `null` entries), each element of
/// the answer is compared with all the typed elements together.
///
/// ```
/// use opendota_sdk::models::players::WinLoss;
/// use serde_json::json;
///
/// let raw = json!({"win": 3747, "lose": 2328, "streak": 4});
/// let typed: WinLoss = serde_json::from_value(raw.clone())?;
/// let unknown = opendota_sdk::unknown_fields(&raw, &serde_json::to_value(&typed)?);
/// assert_eq!(unknown.into_iter().collect::<Vec<_>>(), ["streak"]);
///
/// let rows = json!([{"hero_id": 1, "games": 5, "brand_new_field": true}]);
/// let kept = json!([{"hero_id": 1, "games": 5}]);
/// let unknown = opendota_sdk::unknown_fields(&rows, &kept);
/// assert_eq!(unknown.into_iter().collect::<Vec<_>>(), ["[].brand_new_field"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[must_use]
pub fn unknown_fields(raw: &Value, typed: &Value) -> BTreeSet<String> {
    let mut found = Found::default();
    walk(&[raw], &[typed], "", &mut found);
    let Found { unknown, renamed } = found;
    unknown.difference(&renamed).cloned().collect()
}

/// What the walk found: paths missing from the typed value, and paths seen read under another
/// name somewhere (an alias in one element is an alias in all, where a `null` cannot show it).
#[derive(Default)]
struct Found {
    unknown: BTreeSet<String>,
    renamed: BTreeSet<String>,
}

/// Compares the values at one path: every value in `raws` against all of `typeds` together
/// (one of each when the answer and the typed value line up).
fn walk(raws: &[&Value], typeds: &[&Value], path: &str, found: &mut Found) {
    let raw_objects: Vec<&Map<String, Value>> = raws.iter().filter_map(|v| v.as_object()).collect();
    let raw_arrays: Vec<&Vec<Value>> = raws.iter().filter_map(|v| v.as_array()).collect();
    let typed_objects: Vec<&Map<String, Value>> =
        typeds.iter().filter_map(|v| v.as_object()).collect();
    let typed_arrays: Vec<&Vec<Value>> = typeds.iter().filter_map(|v| v.as_array()).collect();

    if !raw_objects.is_empty() {
        if !typed_objects.is_empty() {
            compare_objects(&raw_objects, &typed_objects, path, found);
        } else if !typed_arrays.is_empty() {
            // One object where the typed value is a list of it.
            let elements: Vec<&Value> = typed_arrays.iter().flat_map(|a| a.iter()).collect();
            let objects: Vec<&Value> = raws.iter().copied().filter(|v| v.is_object()).collect();
            walk(&objects, &elements, path, found);
        }
    }
    if !raw_arrays.is_empty() {
        let inner = format!("{path}[]");
        if let ([raw], [typed]) = (raw_arrays.as_slice(), typed_arrays.as_slice()) {
            compare_arrays(raw, typed, &inner, found);
        } else if !typed_arrays.is_empty() {
            let raws: Vec<&Value> = raw_arrays.iter().flat_map(|a| a.iter()).collect();
            let typeds: Vec<&Value> = typed_arrays.iter().flat_map(|a| a.iter()).collect();
            walk(&raws, &typeds, &inner, found);
        } else if !typed_objects.is_empty() {
            // A list (of one, in OpenDota's answers) where the typed value is its element.
            let raws: Vec<&Value> = raw_arrays.iter().flat_map(|a| a.iter()).collect();
            let objects: Vec<&Value> = typeds.iter().copied().filter(|v| v.is_object()).collect();
            walk(&raws, &objects, &inner, found);
        }
    }
}

fn compare_objects(
    raws: &[&Map<String, Value>],
    typeds: &[&Map<String, Value>],
    path: &str,
    found: &mut Found,
) {
    let mut typed_by_key: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for object in typeds {
        for (key, value) in *object {
            typed_by_key.entry(key).or_default().push(value);
        }
    }
    let mut raw_by_key: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for object in raws {
        for (key, value) in *object {
            raw_by_key.entry(key).or_default().push(value);
        }
    }
    // Only one object against one: across many, values say nothing about names.
    let renamed = match (raws, typeds) {
        ([raw], [typed]) => renamed(raw, typed),
        _ => BTreeSet::new(),
    };
    for (key, raw_values) in raw_by_key {
        let child = child_path(path, key);
        match typed_by_key.get(key) {
            Some(typed_values) => walk(&raw_values, typed_values, &child, found),
            None if renamed.contains(key) => {
                found.renamed.insert(child);
            }
            None => {
                found.unknown.insert(child);
            }
        }
    }
}

/// The keys of `raw` that `typed` holds under another name: for each key of `typed` that `raw`
/// lacks, the key of `raw` that `typed` lacks with the same non-null value (the one sharing the
/// longest prefix with it, if several). A serde `alias` reads `radiant_team_name` into a field
/// that serialises as `radiant_name`.
fn renamed<'a>(raw: &'a Map<String, Value>, typed: &Map<String, Value>) -> BTreeSet<&'a str> {
    let mut taken = BTreeSet::new();
    for (name, value) in typed {
        if value.is_null() || raw.contains_key(name) {
            continue;
        }
        let best = raw
            .iter()
            .filter(|(key, v)| {
                *v == value && !typed.contains_key(*key) && !taken.contains(key.as_str())
            })
            .max_by_key(|(key, _)| common_prefix(key, name));
        if let Some((key, _)) = best {
            taken.insert(key.as_str());
        }
    }
    taken
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn compare_arrays(raw: &[Value], typed: &[Value], path: &str, found: &mut Found) {
    if raw.len() == typed.len() {
        for (r, t) in raw.iter().zip(typed) {
            walk(&[r], &[t], path, found);
        }
        return;
    }
    // A `null` entry carries no field; typed methods that drop them line up without them.
    let present: Vec<&Value> = raw.iter().filter(|v| !v.is_null()).collect();
    if present.len() == typed.len() {
        for (r, t) in present.into_iter().zip(typed) {
            walk(&[r], &[t], path, found);
        }
        return;
    }
    let typeds: Vec<&Value> = typed.iter().collect();
    walk(&present, &typeds, path, found);
}

/// `path.key`, with an all-digit key (an id in a keyed map) written `{}`.
fn child_path(path: &str, key: &str) -> String {
    let is_id = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let key = if is_id { "{}" } else { key };
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn paths(raw: &Value, typed: &Value) -> Vec<String> {
        unknown_fields(raw, typed).into_iter().collect()
    }

    #[test]
    fn a_matching_value_has_no_unknown_field() {
        let raw = json!({"a": 1, "b": [{"c": null}], "d": {"1": {"e": 2}}});
        assert!(paths(&raw, &raw).is_empty());
    }

    #[test]
    fn nested_fields_are_named_once_with_indices_collapsed() {
        let raw = json!({
            "match_id": 1,
            "brand_new_field": 0,
            "players": [{"hero_id": 1, "brand_new_field": 1}, {"hero_id": 2, "brand_new_field": 2}]
        });
        let typed = json!({"match_id": 1, "players": [{"hero_id": 1}, {"hero_id": 2}]});
        assert_eq!(
            paths(&raw, &typed),
            ["brand_new_field", "players[].brand_new_field"]
        );
    }

    #[test]
    fn a_field_missing_in_one_element_only_is_reported() {
        let raw = json!([{"purchase": {"tango": 1}}, {"purchase": {"tango": 1, "dust": 2}}]);
        let typed = json!([{"purchase": {"tango": 1}}, {"purchase": {"tango": 1}}]);
        assert_eq!(paths(&raw, &typed), ["[].purchase.dust"]);
    }

    #[test]
    fn ids_of_keyed_maps_read_as_braces() {
        let raw = json!({"1": {"name": "a", "new": 1}, "2": {"name": "b", "new": 2}, "3": {}});
        let typed = json!({"1": {"name": "a"}, "2": {"name": "b"}});
        assert_eq!(paths(&raw, &typed), ["{}", "{}.new"]);
    }

    #[test]
    fn a_null_or_reshaped_value_is_not_an_unknown_field() {
        let raw = json!({"a": "1,2", "b": {"c": 1}, "d": 5});
        let typed = json!({"a": [1, 2], "b": null, "d": null});
        assert!(paths(&raw, &typed).is_empty());
    }

    #[test]
    fn a_one_element_list_is_compared_with_the_object_and_back() {
        let raw = json!([{"leagueid": 1, "extra": true}]);
        let typed = json!({"leagueid": 1});
        assert_eq!(paths(&raw, &typed), ["[].extra"]);
        let raw = json!({"match_id": 1, "extra": true});
        let typed = json!([{"match_id": 1}]);
        assert_eq!(paths(&raw, &typed), ["extra"]);
    }

    #[test]
    fn a_field_read_under_an_alias_is_not_unknown() {
        let raw = json!({"radiant_team_name": "A", "dire_team_name": "B", "brand_new_field": "B"});
        let typed = json!({"radiant_name": "A", "dire_name": "B", "league_name": null});
        assert_eq!(paths(&raw, &typed), ["brand_new_field"]);
        let raw = json!({"brand_new_field": null});
        let typed = json!({"league_name": null});
        assert_eq!(paths(&raw, &typed), ["brand_new_field"]);
    }

    #[test]
    fn an_alias_shown_in_one_element_covers_its_nulls_in_the_others() {
        let raw = json!([{"radiant_team_name": "A"}, {"radiant_team_name": null}]);
        let typed = json!([{"radiant_name": "A"}, {"radiant_name": null}]);
        assert!(paths(&raw, &typed).is_empty());
        let raw = json!([{"radiant_team_name": null}]);
        let typed = json!([{"radiant_name": null}]);
        assert_eq!(paths(&raw, &typed), ["[].radiant_team_name"]);
    }

    #[test]
    fn dropped_null_elements_keep_the_rest_aligned() {
        let raw = json!([{"a": 1}, null, {"a": 2, "b": 3}]);
        let typed = json!([{"a": 1}, {"a": 2}]);
        assert_eq!(paths(&raw, &typed), ["[].b"]);
    }

    #[test]
    fn arrays_of_other_lengths_are_compared_against_all_elements() {
        let raw = json!([{"a": 1}, {"a": 2, "b": 3}, {"c": 4}]);
        let typed = json!([{"a": 1, "b": null}]);
        assert_eq!(paths(&raw, &typed), ["[].c"]);
    }
}
