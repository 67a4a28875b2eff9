//! Models of the User Profile API (`GET /{PSID}?fields=…`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::Psid;

/// A field of a person's profile that a Page can read.
///
/// `first_name`, `last_name`, `name` and `profile_pic` need only `pages_messaging`; `locale`,
/// `timezone` and `gender` also need the `pages_user_locale`, `pages_user_timezone` and
/// `pages_user_gender` permissions. Access is granted once the person has messaged the Page (or
/// tapped Get Started, or accepted a message request).
///
/// ```
/// use messenger_sdk::models::user_profile::UserProfileField;
///
/// assert_eq!(serde_json::to_string(&UserProfileField::ProfilePic).unwrap(), r#""profile_pic""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UserProfileField {
    /// `first_name`.
    FirstName,
    /// `last_name`.
    LastName,
    /// `name`: the full name.
    Name,
    /// `profile_pic`: a URL of the profile picture (it expires after a while).
    ProfilePic,
    /// `locale`, e.g. `en_US` (needs `pages_user_locale`).
    Locale,
    /// `timezone`: the offset from UTC in hours (needs `pages_user_timezone`).
    Timezone,
    /// `gender` (needs `pages_user_gender`).
    Gender,
}

impl UserProfileField {
    /// The fields asked for unless others are chosen: `first_name`, `last_name`, `profile_pic`.
    pub const DEFAULT: [Self; 3] = [Self::FirstName, Self::LastName, Self::ProfilePic];

    /// Every field.
    pub const ALL: [Self; 7] = [
        Self::FirstName,
        Self::LastName,
        Self::Name,
        Self::ProfilePic,
        Self::Locale,
        Self::Timezone,
        Self::Gender,
    ];

    /// The field's name in the Graph API.
    ///
    /// ```
    /// use messenger_sdk::models::user_profile::UserProfileField;
    ///
    /// assert_eq!(UserProfileField::ProfilePic.as_str(), "profile_pic");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Name => "name",
            Self::ProfilePic => "profile_pic",
            Self::Locale => "locale",
            Self::Timezone => "timezone",
            Self::Gender => "gender",
        }
    }
}

impl fmt::Display for UserProfileField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person's profile as the Page sees it. Only the fields asked for (and allowed by the Page's
/// permissions) are set.
///
/// ```
/// use messenger_sdk::models::user_profile::UserProfile;
///
/// let value: UserProfile = serde_json::from_str(r#"{"id":"7000000000000001","first_name":"Ana","timezone":5.5}"#).unwrap();
/// assert_eq!(value.first_name.as_deref(), Some("Ana"));
/// assert_eq!(value.last_name, None);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserProfile {
    /// The page-scoped id of the person.
    pub id: Psid,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// URL of the profile picture (temporary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_pic: Option<String>,
    /// Locale, e.g. `en_US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Offset from UTC in hours; may be fractional (`5.5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<f64>,
    /// Gender, as the person set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

impl UserProfile {
    /// The best name to greet the person with: the first name, else the full name.
    ///
    /// ```
    /// use messenger_sdk::models::user_profile::UserProfile;
    ///
    /// let profile: UserProfile =
    ///     serde_json::from_str(r#"{"id":"7000000000000001","name":"Ana Lund"}"#).expect("JSON");
    /// assert_eq!(profile.display_name(), Some("Ana Lund"));
    /// ```
    #[must_use]
    pub fn display_name(&self) -> Option<&str> {
        self.first_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .or(self.name.as_deref())
    }
}
