//! The User Profile API: `GET /{PSID}?fields=…`.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use reqwest::Method;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::Psid;
use crate::models::user_profile::{UserProfile, UserProfileField};

impl Client {
    /// A person's profile (`GET /{PSID}?fields=…`), by default `first_name`, `last_name` and
    /// `profile_pic`. Add fields with [`UserProfileRequest::field`] or choose them all with
    /// [`UserProfileRequest::fields`]; nothing is sent until the request is awaited.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::user_profile::UserProfileField;
    ///
    /// let profile = client
    ///     .user_profile("7000000000000001")
    ///     .field(UserProfileField::Locale)
    ///     .await?;
    /// println!("hi {} ({:?})", profile.display_name().unwrap_or("there"), profile.locale);
    /// # Ok(()) }
    /// ```
    pub fn user_profile(&self, psid: impl Into<Psid>) -> UserProfileRequest<'_> {
        UserProfileRequest {
            client: self,
            psid: psid.into(),
            fields: UserProfileField::DEFAULT.to_vec(),
        }
    }
}

/// A User Profile request, made by [`Client::user_profile`]; `.await` (or
/// [`UserProfileRequest::send`]) sends it.
///
/// ```no_run
/// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
/// let profile = client.user_profile("7000000000000001").await?;
/// println!("{:?}", profile.first_name);
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug, Clone)]
pub struct UserProfileRequest<'c> {
    client: &'c Client,
    psid: Psid,
    fields: Vec<UserProfileField>,
}

impl<'c> UserProfileRequest<'c> {
    /// Also asks for `field` (kept once, in the order added).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::user_profile::UserProfileField;
    ///
    /// let request = client
    ///     .user_profile("7000000000000001")
    ///     .field(UserProfileField::Locale)
    ///     .field(UserProfileField::Timezone);
    /// assert_eq!(request.fields_param(), "first_name,last_name,profile_pic,locale,timezone");
    /// # Ok(()) }
    /// ```
    pub fn field(mut self, field: UserProfileField) -> Self {
        if !self.fields.contains(&field) {
            self.fields.push(field);
        }
        self
    }

    /// Asks for exactly these fields instead of the default ones.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::user_profile::UserProfileField;
    ///
    /// let request = client
    ///     .user_profile("7000000000000001")
    ///     .fields(&[UserProfileField::Name, UserProfileField::Gender]);
    /// assert_eq!(request.fields_param(), "name,gender");
    /// # Ok(()) }
    /// ```
    pub fn fields(mut self, fields: &[UserProfileField]) -> Self {
        self.fields.clear();
        for field in fields {
            self = self.field(*field);
        }
        self
    }

    /// The `fields` query parameter this request will send.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) {
    /// assert_eq!(client.user_profile("1").fields_param(), "first_name,last_name,profile_pic");
    /// # }
    /// ```
    #[must_use]
    pub fn fields_param(&self) -> String {
        self.fields
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Sends the request.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// let profile = client.user_profile("7000000000000001").send().await?;
    /// println!("{:?} {:?}", profile.first_name, profile.profile_pic);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] (nothing sent) for an empty PSID or an empty field list; a Graph
    /// error such as [`GraphErrorKind::NoMatchingUser`](crate::GraphErrorKind::NoMatchingUser) or
    /// [`GraphErrorKind::Permission`](crate::GraphErrorKind::Permission) (a field the Page may
    /// not read); otherwise see [`Error`].
    pub async fn send(self) -> Result<UserProfile> {
        let psid = self.psid.as_str().trim();
        if psid.is_empty() {
            return Err(Error::InvalidInput(
                "user_profile: the PSID is empty".to_owned(),
            ));
        }
        if self.fields.is_empty() {
            return Err(Error::InvalidInput(
                "user_profile: no field asked for".to_owned(),
            ));
        }
        let fields = self.fields_param();
        self.client
            .call(Method::GET, &[psid], &[("fields", fields)], None::<&()>)
            .await
    }
}

impl<'c> IntoFuture for UserProfileRequest<'c> {
    type Output = Result<UserProfile>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<UserProfile>> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
