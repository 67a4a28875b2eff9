//! Lenient deserializers for the API's real-world type drift.
//!
//! OpenDota has sent the same field as a number, a numeric string, a float where the spec says
//! integer, `null`, or not at all, depending on the year and the endpoint. Every model field
//! therefore goes through [`Lenient`], a small visitor-based trait that accepts all the forms a
//! value has been seen in. It never buffers (unlike `#[serde(untagged)]`), so typed decoding stays
//! cheaper than a `serde_json::Value` parse.
//!
//! Fields use it as `#[serde(default, with = "crate::de::lenient")]`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A type that can be decoded from any of the JSON forms OpenDota has used for it.
pub(crate) trait Lenient: Sized {
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>;

    /// Whether the integer `v` is OpenDota's sentinel for "none" in a field of this type, so
    /// that `Option<Self>` reads it as `None`: `-1` on every unsigned type (an objective's `slot`
    /// when creeps took the tower, a chat line's `slot` from a spectator), and `0` as well on
    /// [`HeroId`](crate::HeroId) (no hero picked). Any other negative number on an unsigned type
    /// stays an error, so real drift is still reported.
    fn is_none_sentinel(v: i64) -> bool {
        let _ = v;
        false
    }
}

/// `#[serde(with = "crate::de::lenient")]`: lenient decode, plain encode.
pub(crate) mod lenient {
    use super::{Deserializer, Lenient, Serialize, Serializer};

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Lenient,
    {
        T::deserialize_lenient(deserializer)
    }

    pub(crate) fn serialize<S, T>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        value.serialize(serializer)
    }
}

/// What a number-like JSON value turned out to be.
enum Num {
    I(i64),
    U(u64),
    F(f64),
}

impl Num {
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Ok(v) = s.parse::<i64>() {
            return Some(Self::I(v));
        }
        if let Ok(v) = s.parse::<u64>() {
            return Some(Self::U(v));
        }
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(Self::F(v)),
            _ => None,
        }
    }
}

/// Integer types: accept integers, integral or fractional floats (rounded), numeric strings and
/// booleans (`true` = 1).
macro_rules! lenient_int {
    ($($ty:ty: $sentinel:literal),*) => {$(
        impl Lenient for $ty {
            fn is_none_sentinel(v: i64) -> bool {
                $sentinel && v == -1
            }

            fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: Deserializer<'de>,
            {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "an integer ({}), a float or a numeric string", stringify!($ty))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        <$ty>::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        <$ty>::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        let r = v.round();
                        #[allow(clippy::cast_precision_loss, reason = "range check against the type's bounds")]
                        let in_range = r.is_finite() && r >= <$ty>::MIN as f64 && r <= <$ty>::MAX as f64;
                        if in_range {
                            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked above")]
                            Ok(r as $ty)
                        } else {
                            Err(E::invalid_value(de::Unexpected::Float(v), &self))
                        }
                    }
                    fn visit_bool<E: de::Error>(self, v: bool) -> Result<$ty, E> {
                        Ok(<$ty>::from(v))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        match Num::parse(v) {
                            Some(Num::I(n)) => self.visit_i64(n),
                            Some(Num::U(n)) => self.visit_u64(n),
                            Some(Num::F(n)) => self.visit_f64(n),
                            None => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                        }
                    }
                }
                deserializer.deserialize_any(V)
            }
        }
    )*};
}
lenient_int!(u8: true, u16: true, u32: true, u64: true, i16: false, i32: false, i64: false);

impl Lenient for f64 {
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V;
        impl Visitor<'_> for V {
            type Value = f64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a numeric string")
            }
            #[allow(clippy::cast_precision_loss, reason = "a JSON number read as f64")]
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
                Ok(v as f64)
            }
            #[allow(clippy::cast_precision_loss, reason = "a JSON number read as f64")]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
                Ok(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
                Ok(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl Lenient for bool {
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V;
        impl Visitor<'_> for V {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, 0 or 1")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
                Ok(v != 0)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
                Ok(v != 0)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
                Ok(v != 0.0)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                match v.trim() {
                    "true" | "1" | "t" => Ok(true),
                    "false" | "0" | "f" | "" => Ok(false),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl Lenient for String {
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V;
        impl Visitor<'_> for V {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
                Ok(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `null`, an absent key (with `#[serde(default)]`), an empty string, `"NaN"` and the type's sentinel
/// ([`Lenient::is_none_sentinel`]: `-1` on unsigned fields, `0` on hero ids) all mean "no value".
/// Anything else is handed to `T`, so `T`'s own errors still surface.
impl<T> Lenient for Option<T>
where
    T: Lenient,
{
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V<T>(PhantomData<T>);
        impl<'de, T> Visitor<'de> for V<T>
        where
            T: Lenient,
        {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                T::deserialize_lenient(de::value::BoolDeserializer::new(v)).map(Some)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                if T::is_none_sentinel(v) {
                    return Ok(None);
                }
                T::deserialize_lenient(de::value::I64Deserializer::new(v)).map(Some)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                if v == 0 && T::is_none_sentinel(0) {
                    return Ok(None);
                }
                T::deserialize_lenient(de::value::U64Deserializer::new(v)).map(Some)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                T::deserialize_lenient(de::value::F64Deserializer::new(v)).map(Some)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.is_empty() || v == "NaN" {
                    return Ok(None);
                }
                T::deserialize_lenient(de::value::StrDeserializer::new(v)).map(Some)
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                if v.is_empty() || v == "NaN" {
                    return Ok(None);
                }
                T::deserialize_lenient(de::value::StringDeserializer::new(v)).map(Some)
            }
            fn visit_seq<A>(self, seq: A) -> Result<Self::Value, A::Error>
            where
                A: SeqAccess<'de>,
            {
                T::deserialize_lenient(de::value::SeqAccessDeserializer::new(seq)).map(Some)
            }
            fn visit_map<A>(self, map: A) -> Result<Self::Value, A::Error>
            where
                A: MapAccess<'de>,
            {
                T::deserialize_lenient(de::value::MapAccessDeserializer::new(map)).map(Some)
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}

/// Lists: `null` is an empty list; a comma-joined string (`"91,72,86"`, the 2018 form of
/// `radiant_team`) is split; every item is decoded leniently.
impl<T> Lenient for Vec<T>
where
    T: Lenient,
{
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V<T>(PhantomData<T>);
        impl<'de, T> Visitor<'de> for V<T>
        where
            T: Lenient,
        {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list, a comma-separated string or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_seq<A>(self, mut seq: A) -> Result<Self::Value, A::Error>
            where
                A: SeqAccess<'de>,
            {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element::<LenientSeed<T>>()? {
                    out.push(item.0);
                }
                Ok(out)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| T::deserialize_lenient(de::value::StrDeserializer::<E>::new(s)))
                    .collect()
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}

/// Maps without a fixed set of keys (`damage`, `purchase`, `lane_pos`, …): `null` is an empty map,
/// values decode leniently, and entries whose value is `null` (seen in `purchase`) are left out.
impl<K, V, S> Lenient for std::collections::HashMap<K, V, S>
where
    K: for<'k> Deserialize<'k> + Eq + std::hash::Hash,
    V: Lenient,
    S: std::hash::BuildHasher + Default,
{
    fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct V2<K, V, S>(PhantomData<(K, V, S)>);
        impl<'de, K, V, S> Visitor<'de> for V2<K, V, S>
        where
            K: for<'k> Deserialize<'k> + Eq + std::hash::Hash,
            V: Lenient,
            S: std::hash::BuildHasher + Default,
        {
            type Value = std::collections::HashMap<K, V, S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Self::Value::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Self::Value::default())
            }
            fn visit_map<A>(self, mut access: A) -> Result<Self::Value, A::Error>
            where
                A: MapAccess<'de>,
            {
                let mut out = Self::Value::with_capacity_and_hasher(
                    access.size_hint().unwrap_or(0).min(4096),
                    S::default(),
                );
                while let Some(key) = access.next_key::<K>()? {
                    if let Some(value) = access.next_value::<LenientSeed<Option<V>>>()?.0 {
                        out.insert(key, value);
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_any(V2(PhantomData))
    }
}

/// Wraps a [`Lenient`] type so it can be used where serde wants `Deserialize`.
pub(crate) struct LenientSeed<T>(pub(crate) T);

impl<'de, T> Deserialize<'de> for LenientSeed<T>
where
    T: Lenient,
{
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        T::deserialize_lenient(deserializer).map(LenientSeed)
    }
}

/// Lists the spec calls an object: some endpoints answer with one object where the spec says
/// array, or an array where it says object. Decodes either into a `Vec`; `null` is empty.
pub(crate) mod one_or_many {
    use super::{Deserialize, Deserializer, MapAccess, PhantomData, SeqAccess, Visitor, de, fmt};

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        struct V<T>(PhantomData<T>);
        impl<'de, T> Visitor<'de> for V<T>
        where
            T: Deserialize<'de>,
        {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object, a list of objects or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_seq<A>(self, mut seq: A) -> Result<Self::Value, A::Error>
            where
                A: SeqAccess<'de>,
            {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(out)
            }
            fn visit_map<A>(self, map: A) -> Result<Self::Value, A::Error>
            where
                A: MapAccess<'de>,
            {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|one| vec![one])
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}

/// A response that is a list in some API versions and a single object in others.
#[derive(Debug)]
pub(crate) struct OneOrMany<T>(pub(crate) Vec<T>);

impl<'de, T> Deserialize<'de> for OneOrMany<T>
where
    T: Deserialize<'de>,
{
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        one_or_many::deserialize(deserializer).map(OneOrMany)
    }
}

/// Implements `Lenient` for a type that already has a lenient `Deserialize` (ids, enums, models).
macro_rules! lenient_via_deserialize {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::de::Lenient for $ty {
            fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                <$ty as serde::Deserialize>::deserialize(deserializer)
            }
        }
    )*};
}
pub(crate) use lenient_via_deserialize;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, with = "lenient")]
        a: Option<u64>,
        #[serde(default, with = "lenient")]
        b: Option<f64>,
        #[serde(default, with = "lenient")]
        c: Vec<u16>,
        #[serde(default, with = "lenient")]
        d: Option<bool>,
        #[serde(default, with = "lenient")]
        e: Option<String>,
    }

    fn probe(json: &str) -> Probe {
        serde_json::from_str(json).expect("probe decodes")
    }

    #[test]
    fn numbers_come_in_every_form() {
        assert_eq!(probe(r#"{"a": 7}"#).a, Some(7));
        assert_eq!(probe(r#"{"a": "4096120529"}"#).a, Some(4_096_120_529));
        assert_eq!(probe(r#"{"a": 4370.6}"#).a, Some(4371));
        assert_eq!(probe(r#"{"a": null}"#).a, None);
        assert_eq!(probe(r#"{}"#).a, None);
        assert_eq!(probe(r#"{"a": ""}"#).a, None);
        assert_eq!(probe(r#"{"a": "NaN"}"#).a, None);
        assert_eq!(probe(r#"{"b": "0.75"}"#).b, Some(0.75));
        assert_eq!(probe(r#"{"b": 3}"#).b, Some(3.0));
    }

    #[test]
    fn minus_one_on_unsigned_and_hero_zero_read_as_none() {
        #[derive(Debug, Deserialize)]
        struct Sentinels {
            #[serde(default, with = "lenient")]
            slot: Option<u8>,
            #[serde(default, with = "lenient")]
            signed: Option<i64>,
            #[serde(default, with = "lenient")]
            hero: Option<crate::HeroId>,
            #[serde(default, with = "lenient")]
            account: Option<crate::AccountId>,
        }
        let read = |json: &str| serde_json::from_str::<Sentinels>(json);
        let all = read(r#"{"slot": -1, "signed": -1, "hero": 0, "account": -1}"#).unwrap();
        assert_eq!(all.slot, None);
        assert_eq!(all.signed, Some(-1), "signed fields keep -1");
        assert_eq!(all.hero, None);
        assert_eq!(all.account, None);
        let real = read(r#"{"slot": 0, "hero": 14, "account": 0}"#).unwrap();
        assert_eq!(real.slot, Some(0), "0 is a slot");
        assert_eq!(real.hero, Some(crate::HeroId(14)));
        assert_eq!(real.account, Some(crate::AccountId(0)));
        assert_eq!(read(r#"{"hero": -1}"#).unwrap().hero, None);
        assert!(
            read(r#"{"slot": -2}"#).is_err(),
            "other negatives are drift, not none"
        );
    }

    #[test]
    fn garbage_is_still_an_error() {
        let err = serde_json::from_str::<Probe>(r#"{"a": "seven"}"#).unwrap_err();
        assert!(err.to_string().contains("seven"), "{err}");
        assert!(serde_json::from_str::<Probe>(r#"{"a": -2}"#).is_err());
    }

    #[test]
    fn lists_accept_comma_strings_and_null() {
        assert_eq!(probe(r#"{"c": [1, "2", 3.0]}"#).c, vec![1, 2, 3]);
        assert_eq!(probe(r#"{"c": "91,72,86"}"#).c, vec![91, 72, 86]);
        assert_eq!(probe(r#"{"c": null}"#).c, Vec::<u16>::new());
    }

    #[test]
    fn booleans_and_strings() {
        assert_eq!(probe(r#"{"d": 1}"#).d, Some(true));
        assert_eq!(probe(r#"{"d": false}"#).d, Some(false));
        assert_eq!(
            probe(r#"{"e": 76561198061960890}"#).e.as_deref(),
            Some("76561198061960890")
        );
    }

    #[test]
    fn maps_drop_null_entries_and_read_null_as_empty() {
        #[derive(Debug, Deserialize)]
        struct Maps {
            #[serde(default, with = "lenient")]
            counts: std::collections::HashMap<String, i64>,
            #[serde(default, with = "lenient")]
            nested: std::collections::HashMap<String, std::collections::HashMap<String, u32>>,
        }
        let m: Maps = serde_json::from_str(
            r#"{"counts": {"tango": 2, "dust": null, "ward": "3"}, "nested": null}"#,
        )
        .expect("maps decode");
        assert_eq!(m.counts.len(), 2);
        assert_eq!(m.counts["ward"], 3);
        assert!(m.nested.is_empty());
        let m: Maps = serde_json::from_str(r#"{"nested": {"1": {"2": 5}}}"#).expect("nested");
        assert_eq!(m.nested["1"]["2"], 5);
        assert!(m.counts.is_empty());
        assert!(serde_json::from_str::<Maps>(r#"{"counts": {"x": "many"}}"#).is_err());
    }

    #[test]
    fn one_or_many_takes_both_shapes() {
        let one: OneOrMany<Probe> = serde_json::from_str(r#"{"a": 1}"#).expect("object");
        assert_eq!(one.0.len(), 1);
        let many: OneOrMany<Probe> = serde_json::from_str(r#"[{"a": 1}, {"a": 2}]"#).expect("list");
        assert_eq!(many.0.len(), 2);
        let none: OneOrMany<Probe> = serde_json::from_str("null").expect("null");
        assert!(none.0.is_empty());
    }
}
