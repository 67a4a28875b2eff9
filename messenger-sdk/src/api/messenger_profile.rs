//! The Messenger Profile API: `GET`, `POST` and `DELETE /me/messenger_profile`.
//!
//! Meta limits these calls to 10 per 10 minutes per Page: set the profile at deploy time, not on
//! every start.

use reqwest::Method;
use serde::Serialize;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::messenger_profile::{
    MessengerProfile, MessengerProfileField, ProfileData, UpdateResult,
};

const SEGMENTS: [&str; 2] = ["me", "messenger_profile"];

impl Client {
    /// The Page's Messenger Profile: Get Started, greeting, ice breakers, persistent menu,
    /// whitelisted domains, account linking URL.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::messenger_profile::{Greeting, MessengerProfile, MessengerProfileField};
    ///
    /// let profile = client.messenger_profile();
    /// profile
    ///     .set(&MessengerProfile::new()
    ///         .get_started("GET_STARTED")
    ///         .greeting(Greeting::default_locale("Hi {{user_first_name}}!")))
    ///     .await?;
    /// let current = profile.get(&[MessengerProfileField::Greeting]).await?;
    /// println!("{:?}", current.greeting);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn messenger_profile(&self) -> MessengerProfileHandler<'_> {
        MessengerProfileHandler { client: self }
    }
}

/// The calls of the Messenger Profile API; made by [`Client::messenger_profile`].
///
/// ```no_run
/// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
/// use messenger_sdk::models::messenger_profile::MessengerProfileField;
///
/// let profile = client.messenger_profile();
/// profile.delete(&[MessengerProfileField::IceBreakers]).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MessengerProfileHandler<'c> {
    client: &'c Client,
}

#[derive(Serialize)]
struct DeleteBody<'a> {
    fields: &'a [MessengerProfileField],
}

fn fields_param(fields: &[MessengerProfileField]) -> Result<String> {
    if fields.is_empty() {
        return Err(Error::InvalidInput(
            "messenger_profile: no field given".to_owned(),
        ));
    }
    Ok(fields
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(","))
}

impl MessengerProfileHandler<'_> {
    /// Reads these properties (`GET /me/messenger_profile?fields=…`). Properties that are not set
    /// are `None`; a Page with nothing set gives an empty profile.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::messenger_profile::MessengerProfileField;
    ///
    /// let profile = client.messenger_profile().get(&MessengerProfileField::ALL).await?;
    /// if profile.get_started.is_none() {
    ///     println!("no Get Started button: the persistent menu will not show");
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] (nothing sent) when `fields` is empty; otherwise see [`Error`].
    pub async fn get(&self, fields: &[MessengerProfileField]) -> Result<MessengerProfile> {
        let fields = fields_param(fields)?;
        let answer: ProfileData = self
            .client
            .call(Method::GET, &SEGMENTS, &[("fields", fields)], None::<&()>)
            .await?;
        Ok(answer.data.into_iter().next().unwrap_or_default())
    }

    /// Sets the properties that are `Some` in `profile` and leaves the others as they are
    /// (`POST /me/messenger_profile`).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::messenger_profile::{IceBreaker, MessengerProfile};
    ///
    /// let done = client
    ///     .messenger_profile()
    ///     .set(&MessengerProfile::new().ice_breaker(IceBreaker::new("Last match?", "LAST_MATCH")))
    ///     .await?;
    /// assert!(done.is_success());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// Nothing is sent when `profile` is empty ([`Error::InvalidInput`]), breaks a limit
    /// ([`Error::Limit`], see [`MessengerProfile::validate`]) or has a non-https or IP-address
    /// URL ([`Error::InvalidInput`], see [`MessengerProfile::validate_urls`]); otherwise see
    /// [`Error`].
    pub async fn set(&self, profile: &MessengerProfile) -> Result<UpdateResult> {
        if profile.is_empty() {
            return Err(Error::InvalidInput(
                "messenger_profile: nothing to set".to_owned(),
            ));
        }
        profile.validate()?;
        profile.validate_urls()?;
        self.client
            .call(Method::POST, &SEGMENTS, &[], Some(profile))
            .await
    }

    /// Deletes these properties (`DELETE /me/messenger_profile` with body `{"fields": […]}`).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::models::messenger_profile::MessengerProfileField;
    ///
    /// client
    ///     .messenger_profile()
    ///     .delete(&[MessengerProfileField::PersistentMenu, MessengerProfileField::IceBreakers])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] (nothing sent) when `fields` is empty; otherwise see [`Error`].
    pub async fn delete(&self, fields: &[MessengerProfileField]) -> Result<UpdateResult> {
        fields_param(fields)?;
        self.client
            .call(Method::DELETE, &SEGMENTS, &[], Some(&DeleteBody { fields }))
            .await
    }
}
