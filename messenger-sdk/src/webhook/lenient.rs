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

/// `Option<T>` where `T: From<String>`: strings, numbers, `null`.
pub(crate) mod opt_string {
    use super::{Deserialize, Deserializer, Serialize, Serializer, Value, value_to_string};

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: From<String>,
    {
        Ok(value_to_string(Value::deserialize(deserializer)?).map(T::from))
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
    use super::{Deserialize, Deserializer, Serializer, Value, value_to_string};

    pub(crate) fn deserialize<'de, D>(deserializer: D) -> Result<String, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(value_to_string(Value::deserialize(deserializer)?).unwrap_or_default())
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
    let n = number(value)?;
    Some(if n.abs() < SECONDS_CUTOFF {
        n.saturating_mul(1000)
    } else {
        n
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

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
