//! Lenient field decoders for webhook payloads: Meta sends ids as numbers or strings, timestamps
//! as numbers or strings, and sometimes `null` where a value is documented.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::Value;

fn value_to_string(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// Text from a string, a number or a boolean; `null` is `None`; a list or an object is kept as
/// its JSON text. A visitor, so plain strings (nearly every value) are taken as they are.
struct LenientText;

impl<'de> serde::de::Visitor<'de> for LenientText {
    type Value = Option<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string, a number or null")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(value_to_string(Value::from(v)))
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let value = Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
        Ok(value_to_string(value))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let value = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(value_to_string(value))
    }
}

/// `Option<T>` where `T: From<String>`: strings, numbers, `null`.
pub(crate) mod opt_string {
    use super::{Deserializer, LenientText, Serialize, Serializer};

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: From<String>,
    {
        Ok(deserializer.deserialize_any(LenientText)?.map(T::from))
    }

    pub(crate) fn serialize<S, T>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        value.serialize(serializer)
    }
}

/// `String`: strings, numbers; `null` is empty.
pub(crate) mod string {
    use super::{Deserializer, LenientText, Serializer};

    pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<String, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(deserializer
            .deserialize_any(LenientText)?
            .unwrap_or_default())
    }

    pub(crate) fn serialize<S>(value: &str, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.serialize_str(value)
    }
}

/// `bool`: booleans, 0/1, `"true"`; `null` is false.
pub(crate) mod bool {
    use super::{Deserialize, Deserializer, Serializer, Value};

    pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<bool, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(match Value::deserialize(deserializer)? {
            Value::Bool(b) => b,
            Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
            Value::String(s) => matches!(s.as_str(), "true" | "1"),
            _ => false,
        })
    }

    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's serialize_with signature"
    )]
    pub(crate) fn serialize<S>(value: &bool, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.serialize_bool(*value)
    }
}

/// `Option<i64>`: numbers (floats truncated), numeric strings, `null`.
pub(crate) mod opt_i64 {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Value, number};

    pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<Option<i64>, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(number(&Value::deserialize(deserializer)?))
    }

    #[allow(clippy::ref_option, reason = "serde's serialize_with signature")]
    pub(crate) fn serialize<S>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        value.serialize(serializer)
    }
}

/// `Vec<T>`: a list (items that do not decode are skipped), `null` or absent is empty.
pub(crate) mod vec {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Value};

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: serde::de::DeserializeOwned,
    {
        Ok(match Value::deserialize(deserializer)? {
            Value::Array(items) => items
                .into_iter()
                .filter_map(|item| serde_json::from_value(item).ok())
                .collect(),
            _ => Vec::new(),
        })
    }

    pub(crate) fn serialize<S, T>(value: &[T], serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        value.serialize(serializer)
    }
}

/// `Vec<String>` of ids given as strings or numbers.
pub(crate) mod vec_string {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Value, value_to_string};

    pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(match Value::deserialize(deserializer)? {
            Value::Array(items) => items.into_iter().filter_map(value_to_string).collect(),
            _ => Vec::new(),
        })
    }

    pub(crate) fn serialize<S>(value: &[String], serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        value.serialize(serializer)
    }
}

/// A number from a JSON number or numeric string.
pub(crate) fn number(value: &Value) -> Option<i64> {
    match value {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "timestamps and counts fit i64"
        )]
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// Timestamps below this are taken to be in seconds, not milliseconds (year 5138 in seconds,
/// 1973 in milliseconds).
const SECONDS_CUTOFF: i64 = 100_000_000_000;

/// A webhook timestamp in Unix milliseconds, from a number or string in ms or in seconds.
pub(crate) fn timestamp_millis(value: &Value) -> Option<i64> {
    number(value).map(millis)
}

/// A timestamp in Unix milliseconds from one in milliseconds or in seconds.
pub(crate) fn millis(n: i64) -> i64 {
    if n.unsigned_abs() < SECONDS_CUTOFF.unsigned_abs() {
        n.saturating_mul(1000)
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Texts {
        #[serde(default, with = "opt_string")]
        a: Option<String>,
        #[serde(default, with = "string")]
        b: String,
    }

    #[test]
    fn text_in_every_form() {
        let cases = [
            (json!({"a": "x", "b": "y"}), Some("x"), "y"),
            (json!({"a": 42, "b": -7}), Some("42"), "-7"),
            (
                json!({"a": 18_446_744_073_709_551_615_u64}),
                Some("18446744073709551615"),
                "",
            ),
            (json!({"a": 1.5, "b": true}), Some("1.5"), "true"),
            (json!({"a": null, "b": null}), None, ""),
            (
                json!({"a": [1, "x"], "b": {"k": 1}}),
                Some(r#"[1,"x"]"#),
                r#"{"k":1}"#,
            ),
        ];
        for (input, a, b) in cases {
            let from_value = Texts::deserialize(&input).unwrap();
            let from_text: Texts = serde_json::from_str(&input.to_string()).unwrap();
            assert_eq!(from_value, from_text, "{input}");
            assert_eq!(from_text.a.as_deref(), a, "{input}");
            assert_eq!(from_text.b, b, "{input}");
        }
    }

    #[test]
    fn timestamps_in_every_form() {
        assert_eq!(
            timestamp_millis(&json!(1_767_225_600_000_i64)),
            Some(1_767_225_600_000)
        );
        assert_eq!(
            timestamp_millis(&json!("1767225614")),
            Some(1_767_225_614_000)
        );
        assert_eq!(
            timestamp_millis(&json!("1767225614000")),
            Some(1_767_225_614_000)
        );
        assert_eq!(timestamp_millis(&json!(null)), None);
        assert_eq!(timestamp_millis(&json!("soon")), None);
    }
}
