//! Models of the Messenger Profile API (`/me/messenger_profile`): the Get Started button, the
//! greeting, ice breakers, the persistent menu, whitelisted domains and the account linking URL.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::error::Error;
use crate::limits::{LimitError, PAYLOAD_MAX, check_count, check_text};
/// How tall the webview of a URL item opens (the same type as for Send API buttons).
pub use crate::models::send::WebviewHeightRatio;

/// Greeting text per locale: 160.
pub const GREETING_TEXT_MAX: usize = 160;
/// Ice breaker questions per locale: 4.
pub const ICE_BREAKERS_MAX: usize = 4;
/// Persistent menu items per locale: 20 (the flat menu that replaced nested menus).
pub const MENU_ITEMS_MAX: usize = 20;
/// Persistent menu item title: 30.
pub const MENU_ITEM_TITLE_MAX: usize = 30;
/// Whitelisted domains: 50.
pub const WHITELISTED_DOMAINS_MAX: usize = 50;

/// The locale every localised setting needs an entry for.
pub const DEFAULT_LOCALE: &str = "default";

/// A property of the Messenger Profile, to read or delete.
///
/// ```
/// use messenger_sdk::models::messenger_profile::MessengerProfileField;
///
/// assert_eq!(serde_json::to_string(&MessengerProfileField::IceBreakers).unwrap(), r#""ice_breakers""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MessengerProfileField {
    /// `get_started`.
    GetStarted,
    /// `greeting`.
    Greeting,
    /// `ice_breakers`.
    IceBreakers,
    /// `persistent_menu`.
    PersistentMenu,
    /// `whitelisted_domains`.
    WhitelistedDomains,
    /// `account_linking_url`.
    AccountLinkingUrl,
}

impl MessengerProfileField {
    /// Every property this crate types.
    pub const ALL: [Self; 6] = [
        Self::GetStarted,
        Self::Greeting,
        Self::IceBreakers,
        Self::PersistentMenu,
        Self::WhitelistedDomains,
        Self::AccountLinkingUrl,
    ];

    /// The property's name in the Graph API.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfileField;
    ///
    /// assert_eq!(MessengerProfileField::IceBreakers.as_str(), "ice_breakers");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::GetStarted => "get_started",
            Self::Greeting => "greeting",
            Self::IceBreakers => "ice_breakers",
            Self::PersistentMenu => "persistent_menu",
            Self::WhitelistedDomains => "whitelisted_domains",
            Self::AccountLinkingUrl => "account_linking_url",
        }
    }
}

impl fmt::Display for MessengerProfileField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Page's Messenger Profile: what [`MessengerProfileHandler::set`] sends (only the
/// properties that are `Some` change) and what [`MessengerProfileHandler::get`] answers (only
/// the properties asked for and set are `Some`).
///
/// ```
/// use messenger_sdk::models::messenger_profile::{
///     Greeting, IceBreaker, MenuItem, MessengerProfile, PersistentMenu,
/// };
///
/// let profile = MessengerProfile::new()
///     .get_started("GET_STARTED")
///     .greeting(Greeting::default_locale("Hi {{user_first_name}}! Ask me about your last match."))
///     .ice_breaker(IceBreaker::new("How did my last match go?", "LAST_MATCH"))
///     .persistent_menu(
///         PersistentMenu::default_locale()
///             .item(MenuItem::postback("Last match", "LAST_MATCH"))
///             .item(MenuItem::web_url("OpenDota", "https://www.opendota.com")),
///     )
///     .whitelisted_domain("https://www.opendota.com");
/// assert!(profile.validate().is_ok());
/// assert!(profile.validate_urls().is_ok());
/// ```
///
/// [`MessengerProfileHandler::set`]: crate::api::messenger_profile::MessengerProfileHandler::set
/// [`MessengerProfileHandler::get`]: crate::api::messenger_profile::MessengerProfileHandler::get
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MessengerProfile {
    /// The Get Started button's postback payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub get_started: Option<GetStarted>,
    /// The welcome-screen greeting, per locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<Vec<Greeting>>,
    /// Ice breaker questions, per locale. Answers in the older unlocalised format
    /// (`[{question, payload}]`) are read as one `default` locale.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "ice_breakers_any_format"
    )]
    pub ice_breakers: Option<Vec<IceBreakers>>,
    /// The persistent menu, per locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistent_menu: Option<Vec<PersistentMenu>>,
    /// Domains the Messenger webview and the checkbox plugin may use (https, at most 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whitelisted_domains: Option<Vec<String>>,
    /// The account-linking authentication URL (https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_linking_url: Option<String>,
}

impl MessengerProfile {
    /// An empty profile (changes nothing until properties are added).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfile;
    ///
    /// assert!(MessengerProfile::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the Get Started button's payload.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfile;
    ///
    /// let profile = MessengerProfile::new().get_started("GET_STARTED");
    /// assert_eq!(profile.get_started.expect("set").payload, "GET_STARTED");
    /// ```
    #[must_use]
    pub fn get_started(mut self, payload: impl Into<String>) -> Self {
        self.get_started = Some(GetStarted::new(payload));
        self
    }

    /// Adds a greeting for one locale.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{Greeting, MessengerProfile};
    ///
    /// let profile = MessengerProfile::new()
    ///     .greeting(Greeting::default_locale("Hi {{user_first_name}}!"))
    ///     .greeting(Greeting::new("sv_SE", "Hej {{user_first_name}}!"));
    /// assert_eq!(profile.greeting.map(|g| g.len()), Some(2));
    /// ```
    #[must_use]
    pub fn greeting(mut self, greeting: Greeting) -> Self {
        self.greeting.get_or_insert_with(Vec::new).push(greeting);
        self
    }

    /// Adds an ice breaker question to the `default` locale.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{IceBreaker, MessengerProfile};
    ///
    /// let profile = MessengerProfile::new()
    ///     .ice_breaker(IceBreaker::new("Last match?", "LAST_MATCH"))
    ///     .ice_breaker(IceBreaker::new("Best heroes?", "HEROES"));
    /// let locales = profile.ice_breakers.expect("set");
    /// assert_eq!((locales.len(), locales[0].call_to_actions.len()), (1, 2));
    /// ```
    #[must_use]
    pub fn ice_breaker(mut self, ice_breaker: IceBreaker) -> Self {
        let locales = self.ice_breakers.get_or_insert_with(Vec::new);
        match locales.iter_mut().find(|l| l.locale == DEFAULT_LOCALE) {
            Some(locale) => locale.call_to_actions.push(ice_breaker),
            None => locales.push(IceBreakers::default_locale().question(ice_breaker)),
        }
        self
    }

    /// Adds the ice breakers of one locale.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{IceBreaker, IceBreakers, MessengerProfile};
    ///
    /// let profile = MessengerProfile::new()
    ///     .ice_breaker(IceBreaker::new("Last match?", "LAST_MATCH"))
    ///     .ice_breakers(IceBreakers::new("sv_SE").question(IceBreaker::new("Senaste matchen?", "LAST_MATCH")));
    /// assert_eq!(profile.ice_breakers.map(|l| l.len()), Some(2));
    /// ```
    #[must_use]
    pub fn ice_breakers(mut self, ice_breakers: IceBreakers) -> Self {
        self.ice_breakers
            .get_or_insert_with(Vec::new)
            .push(ice_breakers);
        self
    }

    /// Adds the persistent menu of one locale.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{MenuItem, MessengerProfile, PersistentMenu};
    ///
    /// let profile = MessengerProfile::new()
    ///     .persistent_menu(PersistentMenu::default_locale().item(MenuItem::postback("Help", "HELP")));
    /// assert!(profile.validate().is_ok());
    /// ```
    #[must_use]
    pub fn persistent_menu(mut self, menu: PersistentMenu) -> Self {
        self.persistent_menu.get_or_insert_with(Vec::new).push(menu);
        self
    }

    /// Adds a whitelisted domain (`https://…`).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfile;
    ///
    /// let profile = MessengerProfile::new().whitelisted_domain("https://www.opendota.com");
    /// assert!(profile.validate_urls().is_ok());
    /// ```
    #[must_use]
    pub fn whitelisted_domain(mut self, domain: impl Into<String>) -> Self {
        self.whitelisted_domains
            .get_or_insert_with(Vec::new)
            .push(domain.into());
        self
    }

    /// Sets the account linking URL (`https://…`).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfile;
    ///
    /// let profile = MessengerProfile::new().account_linking_url("https://example.com/link");
    /// assert_eq!(profile.account_linking_url.as_deref(), Some("https://example.com/link"));
    /// ```
    #[must_use]
    pub fn account_linking_url(mut self, url: impl Into<String>) -> Self {
        self.account_linking_url = Some(url.into());
        self
    }

    /// Whether no property is set.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfile;
    ///
    /// assert!(MessengerProfile::new().is_empty());
    /// assert!(!MessengerProfile::new().get_started("GO").is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.get_started.is_none()
            && self.greeting.is_none()
            && self.ice_breakers.is_none()
            && self.persistent_menu.is_none()
            && self.whitelisted_domains.is_none()
            && self.account_linking_url.is_none()
    }

    /// The properties that are set.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{MessengerProfile, MessengerProfileField};
    ///
    /// let profile = MessengerProfile::new().get_started("GO").whitelisted_domain("https://example.com");
    /// assert_eq!(profile.fields(), [MessengerProfileField::GetStarted, MessengerProfileField::WhitelistedDomains]);
    /// ```
    #[must_use]
    pub fn fields(&self) -> Vec<MessengerProfileField> {
        let set = [
            self.get_started.is_some(),
            self.greeting.is_some(),
            self.ice_breakers.is_some(),
            self.persistent_menu.is_some(),
            self.whitelisted_domains.is_some(),
            self.account_linking_url.is_some(),
        ];
        MessengerProfileField::ALL
            .into_iter()
            .zip(set)
            .filter_map(|(field, set)| set.then_some(field))
            .collect()
    }

    /// Checks every limit: Get Started payload 1000, greeting text 160, 1–4 ice breakers per
    /// locale with payloads of 1000, 1–20 menu items per locale with titles of 30 and payloads of
    /// 1000, at most 50 whitelisted domains.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{Greeting, MessengerProfile};
    ///
    /// let long = MessengerProfile::new().greeting(Greeting::default_locale("a".repeat(161)));
    /// let err = long.validate().unwrap_err();
    /// assert_eq!(err.field, "greeting[0].text");
    /// assert_eq!(err.limit, 160);
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`LimitError`], naming the field (`persistent_menu[0].call_to_actions[3].title`).
    pub fn validate(&self) -> Result<(), LimitError> {
        if let Some(get_started) = &self.get_started {
            check_text("get_started.payload", &get_started.payload, PAYLOAD_MAX)?;
        }
        for (i, greeting) in self.greeting.iter().flatten().enumerate() {
            greeting.validate_at(&format!("greeting[{i}]"))?;
        }
        for (i, locale) in self.ice_breakers.iter().flatten().enumerate() {
            locale.validate_at(&format!("ice_breakers[{i}]"))?;
        }
        for (i, menu) in self.persistent_menu.iter().flatten().enumerate() {
            menu.validate_at(&format!("persistent_menu[{i}]"))?;
        }
        if let Some(domains) = &self.whitelisted_domains {
            check_count(
                "whitelisted_domains",
                domains.len(),
                0,
                WHITELISTED_DOMAINS_MAX,
            )?;
        }
        Ok(())
    }

    /// Checks that `whitelisted_domains` and `account_linking_url` are `https` URLs with a host
    /// name (Meta refuses plain http, IP addresses and `localhost`).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MessengerProfile;
    ///
    /// assert!(MessengerProfile::new().whitelisted_domain("https://example.com").validate_urls().is_ok());
    /// assert!(MessengerProfile::new().whitelisted_domain("http://example.com").validate_urls().is_err());
    /// assert!(MessengerProfile::new().account_linking_url("https://127.0.0.1/login").validate_urls().is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming the first URL that is not acceptable.
    pub fn validate_urls(&self) -> Result<(), Error> {
        for (i, domain) in self.whitelisted_domains.iter().flatten().enumerate() {
            check_https(&format!("whitelisted_domains[{i}]"), domain)?;
        }
        if let Some(url) = &self.account_linking_url {
            check_https("account_linking_url", url)?;
        }
        Ok(())
    }
}

fn check_https(field: &str, value: &str) -> Result<(), Error> {
    let invalid = |why: &str| Error::InvalidInput(format!("{field} {value:?} {why}"));
    let url = url::Url::parse(value.trim()).map_err(|_| invalid("is not a URL"))?;
    if url.scheme() != "https" {
        return Err(invalid("is not an https URL"));
    }
    match url.host() {
        Some(url::Host::Domain(host)) if host != "localhost" && host.contains('.') => Ok(()),
        _ => Err(invalid("needs a fully qualified domain name")),
    }
}

/// `get_started`: the payload of the `messaging_postbacks` event sent when someone taps Get
/// Started.
///
/// ```
/// use messenger_sdk::models::messenger_profile::GetStarted;
///
/// assert_eq!(serde_json::to_string(&GetStarted::new("GET_STARTED")).unwrap(), r#"{"payload":"GET_STARTED"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GetStarted {
    /// The postback payload (at most 1000 characters).
    #[serde(default)]
    pub payload: String,
}

impl GetStarted {
    /// A Get Started button with this payload.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::GetStarted;
    ///
    /// assert_eq!(GetStarted::new("GET_STARTED").payload, "GET_STARTED");
    /// ```
    #[must_use]
    pub fn new(payload: impl Into<String>) -> Self {
        Self {
            payload: payload.into(),
        }
    }
}

/// The greeting of one locale. The text may use `{{user_first_name}}`, `{{user_last_name}}` and
/// `{{user_full_name}}`.
///
/// ```
/// use messenger_sdk::models::messenger_profile::Greeting;
///
/// let greeting = Greeting::new("sv_SE", "Hej {{user_first_name}}!");
/// assert_eq!(serde_json::to_string(&greeting).unwrap(), r#"{"locale":"sv_SE","text":"Hej {{user_first_name}}!"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Greeting {
    /// `default` or a locale such as `en_US`.
    #[serde(default)]
    pub locale: String,
    /// The text (at most 160 characters).
    #[serde(default)]
    pub text: String,
}

impl Greeting {
    /// A greeting for `locale`.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::Greeting;
    ///
    /// let greeting = Greeting::new("en_US", "Howdy {{user_first_name}}!");
    /// assert_eq!(greeting.locale, "en_US");
    /// ```
    #[must_use]
    pub fn new(locale: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            locale: locale.into(),
            text: text.into(),
        }
    }

    /// The greeting of the `default` locale (required whenever a greeting is set).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::Greeting;
    ///
    /// assert_eq!(Greeting::default_locale("Hi!").locale, "default");
    /// ```
    #[must_use]
    pub fn default_locale(text: impl Into<String>) -> Self {
        Self::new(DEFAULT_LOCALE, text)
    }

    /// Checks the text's length.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::Greeting;
    ///
    /// assert!(Greeting::default_locale("Hi!").validate().is_ok());
    /// assert_eq!(Greeting::default_locale("a".repeat(161)).validate().unwrap_err().field, "greeting.text");
    /// ```
    ///
    /// # Errors
    ///
    /// A [`LimitError`] for `text` over 160 characters.
    pub fn validate(&self) -> Result<(), LimitError> {
        self.validate_at("greeting")
    }

    fn validate_at(&self, at: &str) -> Result<(), LimitError> {
        check_text(format!("{at}.text"), &self.text, GREETING_TEXT_MAX)
    }
}

/// The ice breakers of one locale (the current, localised format).
///
/// ```
/// use messenger_sdk::models::messenger_profile::{IceBreaker, IceBreakers};
///
/// let ice_breakers = IceBreakers::new("en_US").question(IceBreaker::new("Last match?", "LAST"));
/// assert_eq!(
///     serde_json::to_value(&ice_breakers).unwrap(),
///     serde_json::json!({"call_to_actions": [{"question": "Last match?", "payload": "LAST"}], "locale": "en_US"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IceBreakers {
    /// The questions (1 to 4).
    #[serde(default)]
    pub call_to_actions: Vec<IceBreaker>,
    /// `default` or a locale such as `en_GB`.
    #[serde(default)]
    pub locale: String,
}

impl IceBreakers {
    /// No questions yet, for `locale`.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::IceBreakers;
    ///
    /// let ice = IceBreakers::new("en_GB");
    /// assert!(ice.call_to_actions.is_empty());
    /// ```
    #[must_use]
    pub fn new(locale: impl Into<String>) -> Self {
        Self {
            call_to_actions: Vec::new(),
            locale: locale.into(),
        }
    }

    /// No questions yet, for the `default` locale (required whenever ice breakers are set).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::IceBreakers;
    ///
    /// assert_eq!(IceBreakers::default_locale().locale, "default");
    /// ```
    #[must_use]
    pub fn default_locale() -> Self {
        Self::new(DEFAULT_LOCALE)
    }

    /// Adds a question.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{IceBreaker, IceBreakers};
    ///
    /// let ice = IceBreakers::default_locale().question(IceBreaker::new("Last match?", "LAST_MATCH"));
    /// assert_eq!(ice.call_to_actions.len(), 1);
    /// ```
    #[must_use]
    pub fn question(mut self, ice_breaker: IceBreaker) -> Self {
        self.call_to_actions.push(ice_breaker);
        self
    }

    /// Checks the count (1–4) and the payloads.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{IceBreaker, IceBreakers};
    ///
    /// assert!(IceBreakers::default_locale().validate().is_err(), "at least one question");
    /// let ice = IceBreakers::default_locale().question(IceBreaker::new("Last match?", "LAST_MATCH"));
    /// assert!(ice.validate().is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`LimitError`].
    pub fn validate(&self) -> Result<(), LimitError> {
        self.validate_at("ice_breakers")
    }

    fn validate_at(&self, at: &str) -> Result<(), LimitError> {
        check_count(
            format!("{at}.call_to_actions"),
            self.call_to_actions.len(),
            1,
            ICE_BREAKERS_MAX,
        )?;
        for (i, question) in self.call_to_actions.iter().enumerate() {
            check_text(
                format!("{at}.call_to_actions[{i}].payload"),
                &question.payload,
                PAYLOAD_MAX,
            )?;
        }
        Ok(())
    }
}

/// One ice breaker: a question shown before the conversation starts, and the postback payload
/// sent when it is tapped.
///
/// ```
/// use messenger_sdk::models::messenger_profile::IceBreaker;
///
/// assert_eq!(serde_json::to_string(&IceBreaker::new("Heroes?", "HEROES")).unwrap(), r#"{"question":"Heroes?","payload":"HEROES"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IceBreaker {
    /// The question.
    #[serde(default)]
    pub question: String,
    /// The postback payload (at most 1000 characters).
    #[serde(default)]
    pub payload: String,
}

impl IceBreaker {
    /// A question and its payload.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::IceBreaker;
    ///
    /// let ice = IceBreaker::new("How did my last match go?", "LAST_MATCH");
    /// assert_eq!(ice.payload, "LAST_MATCH");
    /// ```
    #[must_use]
    pub fn new(question: impl Into<String>, payload: impl Into<String>) -> Self {
        Self {
            question: question.into(),
            payload: payload.into(),
        }
    }
}

/// Reads `ice_breakers` in the current format (`[{call_to_actions, locale}]`) or the older one
/// (`[{question, payload}]`, read as the `default` locale).
fn ice_breakers_any_format<'de, D>(deserializer: D) -> Result<Option<Vec<IceBreakers>>, D::Error>
where
    D: Deserializer<'de>,
{
    let Some(items) = Option::<Vec<Value>>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let mut locales: Vec<IceBreakers> = Vec::new();
    let mut legacy: Vec<IceBreaker> = Vec::new();
    for item in items {
        if item.get("question").is_some() {
            legacy.push(IceBreaker::deserialize(item).map_err(serde::de::Error::custom)?);
        } else {
            locales.push(IceBreakers::deserialize(item).map_err(serde::de::Error::custom)?);
        }
    }
    if !legacy.is_empty() {
        locales.push(IceBreakers {
            call_to_actions: legacy,
            locale: DEFAULT_LOCALE.to_owned(),
        });
    }
    Ok(Some(locales))
}

/// The persistent menu of one locale.
///
/// ```
/// use messenger_sdk::models::messenger_profile::{MenuItem, PersistentMenu};
///
/// let menu = PersistentMenu::default_locale().item(MenuItem::postback("Help", "HELP"));
/// assert_eq!(menu.call_to_actions.len(), 1);
/// assert!(menu.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PersistentMenu {
    /// `default` or a locale such as `en_US`.
    #[serde(default)]
    pub locale: String,
    /// Whether the composer is hidden, so people can only use the menu and buttons.
    #[serde(default)]
    pub composer_input_disabled: bool,
    /// Surfaces where the menu is not shown (`customer_chat_plugin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_surfaces: Option<Vec<String>>,
    /// The items (1 to 20).
    #[serde(default)]
    pub call_to_actions: Vec<MenuItem>,
}

impl PersistentMenu {
    /// An empty menu for `locale`, composer enabled.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::PersistentMenu;
    ///
    /// let menu = PersistentMenu::new("sv_SE");
    /// assert!(!menu.composer_input_disabled);
    /// ```
    #[must_use]
    pub fn new(locale: impl Into<String>) -> Self {
        Self {
            locale: locale.into(),
            composer_input_disabled: false,
            disabled_surfaces: None,
            call_to_actions: Vec::new(),
        }
    }

    /// An empty menu for the `default` locale (required whenever a menu is set).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::PersistentMenu;
    ///
    /// assert_eq!(PersistentMenu::default_locale().locale, "default");
    /// ```
    #[must_use]
    pub fn default_locale() -> Self {
        Self::new(DEFAULT_LOCALE)
    }

    /// Adds an item.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{MenuItem, PersistentMenu};
    ///
    /// let menu = PersistentMenu::default_locale()
    ///     .item(MenuItem::postback("Last match", "LAST_MATCH"))
    ///     .item(MenuItem::web_url("OpenDota", "https://www.opendota.com"));
    /// assert_eq!(menu.call_to_actions.len(), 2);
    /// ```
    #[must_use]
    pub fn item(mut self, item: MenuItem) -> Self {
        self.call_to_actions.push(item);
        self
    }

    /// Hides (or shows) the composer.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::PersistentMenu;
    ///
    /// assert!(PersistentMenu::default_locale().composer_input_disabled(true).composer_input_disabled);
    /// ```
    #[must_use]
    pub fn composer_input_disabled(mut self, disabled: bool) -> Self {
        self.composer_input_disabled = disabled;
        self
    }

    /// Hides the menu on a surface (`customer_chat_plugin`).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::PersistentMenu;
    ///
    /// let menu = PersistentMenu::default_locale().disabled_surface("customer_chat_plugin");
    /// assert_eq!(menu.disabled_surfaces, Some(vec!["customer_chat_plugin".to_owned()]));
    /// ```
    #[must_use]
    pub fn disabled_surface(mut self, surface: impl Into<String>) -> Self {
        self.disabled_surfaces
            .get_or_insert_with(Vec::new)
            .push(surface.into());
        self
    }

    /// Checks the item count (1–20), titles (30) and payloads (1000).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{MenuItem, PersistentMenu};
    ///
    /// let menu = PersistentMenu::default_locale().item(MenuItem::postback("t".repeat(31), "P"));
    /// assert_eq!(menu.validate().unwrap_err().field, "persistent_menu.call_to_actions[0].title");
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`LimitError`].
    pub fn validate(&self) -> Result<(), LimitError> {
        self.validate_at("persistent_menu")
    }

    fn validate_at(&self, at: &str) -> Result<(), LimitError> {
        check_count(
            format!("{at}.call_to_actions"),
            self.call_to_actions.len(),
            1,
            MENU_ITEMS_MAX,
        )?;
        for (i, item) in self.call_to_actions.iter().enumerate() {
            item.validate_at(&format!("{at}.call_to_actions[{i}]"))?;
        }
        Ok(())
    }
}

/// An item of the persistent menu.
///
/// ```
/// use messenger_sdk::models::messenger_profile::MenuItem;
///
/// assert_eq!(
///     serde_json::to_value(MenuItem::postback("Help", "HELP")).unwrap(),
///     serde_json::json!({"type": "postback", "title": "Help", "payload": "HELP"})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MenuItem {
    /// Sends a `messaging_postbacks` event with `payload`.
    Postback {
        /// The label (at most 30 characters).
        title: String,
        /// The payload (at most 1000 characters).
        payload: String,
    },
    /// Opens a URL in the webview.
    WebUrl {
        /// The label (at most 30 characters).
        title: String,
        /// The URL to open.
        url: String,
        /// How tall the webview opens.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        webview_height_ratio: Option<WebviewHeightRatio>,
        /// Whether the page uses the Messenger Extensions SDK (its domain must be whitelisted).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        messenger_extensions: Option<bool>,
        /// Where clients without Messenger Extensions go instead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fallback_url: Option<String>,
        /// `hide` to hide the webview's share button.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        webview_share_button: Option<String>,
    },
    /// An item of a type this crate does not know (read back from Meta), kept whole.
    #[serde(untagged)]
    Other(Value),
}

impl MenuItem {
    /// A postback item.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MenuItem;
    ///
    /// let item = MenuItem::postback("Help", "HELP");
    /// assert_eq!(
    ///     serde_json::to_string(&item).expect("serializes"),
    ///     r#"{"type":"postback","title":"Help","payload":"HELP"}"#
    /// );
    /// ```
    #[must_use]
    pub fn postback(title: impl Into<String>, payload: impl Into<String>) -> Self {
        Self::Postback {
            title: title.into(),
            payload: payload.into(),
        }
    }

    /// A URL item.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MenuItem;
    ///
    /// let item = MenuItem::web_url("OpenDota", "https://www.opendota.com");
    /// assert_eq!(
    ///     serde_json::to_string(&item).expect("serializes"),
    ///     r#"{"type":"web_url","title":"OpenDota","url":"https://www.opendota.com"}"#
    /// );
    /// ```
    #[must_use]
    pub fn web_url(title: impl Into<String>, url: impl Into<String>) -> Self {
        Self::WebUrl {
            title: title.into(),
            url: url.into(),
            webview_height_ratio: None,
            messenger_extensions: None,
            fallback_url: None,
            webview_share_button: None,
        }
    }

    /// Sets the webview height of a URL item (no effect on other items).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::{MenuItem, WebviewHeightRatio};
    ///
    /// let item = MenuItem::web_url("Shop", "https://example.com").webview_height_ratio(WebviewHeightRatio::Full);
    /// let json = serde_json::to_value(&item).expect("serializes");
    /// assert_eq!(json["webview_height_ratio"], "full");
    /// ```
    #[must_use]
    pub fn webview_height_ratio(mut self, ratio: WebviewHeightRatio) -> Self {
        if let Self::WebUrl {
            webview_height_ratio,
            ..
        } = &mut self
        {
            *webview_height_ratio = Some(ratio);
        }
        self
    }

    /// Turns on Messenger Extensions for a URL item, with an optional fallback URL (no effect on
    /// other items).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MenuItem;
    ///
    /// let item = MenuItem::web_url("Stats", "https://example.com/stats")
    ///     .messenger_extensions(Some("https://example.com/fallback".to_owned()));
    /// let json = serde_json::to_value(&item).expect("serializes");
    /// assert_eq!(json["messenger_extensions"], true);
    /// ```
    #[must_use]
    pub fn messenger_extensions(mut self, fallback: Option<String>) -> Self {
        if let Self::WebUrl {
            messenger_extensions,
            fallback_url,
            ..
        } = &mut self
        {
            *messenger_extensions = Some(true);
            *fallback_url = fallback;
        }
        self
    }

    /// Checks the title (30) and payload (1000).
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::MenuItem;
    ///
    /// assert!(MenuItem::postback("Help", "HELP").validate().is_ok());
    /// assert_eq!(MenuItem::postback("Help", "x".repeat(1001)).validate().unwrap_err().field, "menu_item.payload");
    /// ```
    ///
    /// # Errors
    ///
    /// The first [`LimitError`].
    pub fn validate(&self) -> Result<(), LimitError> {
        self.validate_at("menu_item")
    }

    fn validate_at(&self, at: &str) -> Result<(), LimitError> {
        match self {
            Self::Postback { title, payload } => {
                check_text(format!("{at}.title"), title, MENU_ITEM_TITLE_MAX)?;
                check_text(format!("{at}.payload"), payload, PAYLOAD_MAX)
            }
            Self::WebUrl { title, .. } => {
                check_text(format!("{at}.title"), title, MENU_ITEM_TITLE_MAX)
            }
            Self::Other(_) => Ok(()),
        }
    }
}

/// The answer of a set or delete: `{"result": "success"}`.
///
/// ```
/// use messenger_sdk::models::messenger_profile::UpdateResult;
///
/// let value: UpdateResult = serde_json::from_str(r#"{"result":"success"}"#).unwrap();
/// assert_eq!(value.result.as_deref(), Some("success"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UpdateResult {
    /// `success` when the change was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

impl UpdateResult {
    /// Whether Meta answered `success`.
    ///
    /// ```
    /// use messenger_sdk::models::messenger_profile::UpdateResult;
    ///
    /// let answer: UpdateResult = serde_json::from_str(r#"{"result":"success"}"#).expect("JSON");
    /// assert!(answer.is_success());
    /// ```
    #[must_use]
    pub fn is_success(&self) -> bool {
        self.result.as_deref() == Some("success")
    }
}

/// The answer of a read: `{"data": [{…}]}` (empty when nothing is set).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub(crate) struct ProfileData {
    #[serde(default)]
    pub(crate) data: Vec<MessengerProfile>,
}
