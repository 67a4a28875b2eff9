//! The Send API: `POST /me/messages`, with conveniences for texts, sender actions and
//! reactions. Payload types are in [`crate::send`].
//!
//! Every call checks the request's shape and limits first (nothing is sent when they fail), and
//! is retried only when Meta says the message was not accepted (rate limits, temporary
//! failures) or the connection failed before sending — never after a timeout, so a person never
//! gets the same message twice.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use reqwest::Method;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::limits::{TEXT_MAX, split_text};
use crate::send::{
    Message, MessageTag, MessagingType, NotificationType, Recipient, SendRequest, SendResponse,
    SenderAction,
};

impl Client {
    /// Sends a [`SendRequest`] to `POST /me/messages`.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::send::{Message, MessageTag, SendRequest};
    ///
    /// let request = SendRequest::new("7000000000000001", Message::text("Your order has shipped"))
    ///     .tag(MessageTag::PostPurchaseUpdate);
    /// let sent = client.send(&request).await?;
    /// println!("{:?}", sent.message_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidInput`] when the request's shape is wrong (both or neither of `message`
    ///   and `sender_action`, a reaction without its payload, a tag without `MESSAGE_TAG`);
    /// - [`Error::Limit`] naming the field when a limit is broken;
    ///
    /// in both cases nothing was sent. Then [`Error::Graph`] (classified, see
    /// [`GraphErrorKind`](crate::GraphErrorKind)), [`Error::Api`], [`Error::Decode`] or
    /// [`Error::Transport`].
    pub async fn send(&self, request: &SendRequest) -> Result<SendResponse> {
        if let Some(problem) = request.shape_error() {
            return Err(Error::InvalidInput(problem.to_owned()));
        }
        request.validate()?;
        self.call(Method::POST, &["me", "messages"], &[], Some(request))
            .await
    }

    /// A text message, sent as a [`MessagingType::Response`] unless a setter of
    /// [`SendMessageRequest`] says otherwise; nothing is sent until it is awaited.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::Psid;
    ///
    /// let sent = client.send_text(Psid::from("7000000000000001"), "gg wp 🔥").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`]; a text over 2000 characters is an [`Error::Limit`] (see
    /// [`Client::send_texts`]).
    pub fn send_text<R, T>(&self, recipient: R, text: T) -> SendMessageRequest<'_>
    where
        R: Into<Recipient>,
        T: Into<String>,
    {
        self.send_message(recipient, Message::text(text))
    }

    /// A message, sent as a [`MessagingType::Response`] unless a setter of
    /// [`SendMessageRequest`] (tag, messaging type, notification type) says otherwise; nothing
    /// is sent until it is awaited (or [`SendMessageRequest::send`] is called).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::send::{Message, MessageTag, NotificationType, QuickReply};
    ///
    /// let message = Message::text("Which mode?")
    ///     .quick_replies([QuickReply::text("Ranked", "RANKED"), QuickReply::text("Turbo", "TURBO")]);
    /// client.send_message("7000000000000001", message).await?;
    ///
    /// client
    ///     .send_message("7000000000000001", Message::text("Your match starts in 5 min"))
    ///     .tag(MessageTag::ConfirmedEventUpdate)
    ///     .notification_type(NotificationType::SilentPush)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub fn send_message<R>(&self, recipient: R, message: Message) -> SendMessageRequest<'_>
    where
        R: Into<Recipient>,
    {
        SendMessageRequest {
            client: self,
            request: SendRequest::new(recipient, message),
        }
    }

    /// Sends a text of any length as several messages of at most 2000 characters, cut on word
    /// boundaries and never inside an emoji ([`split_text`]), one after the other. An empty or
    /// blank text sends nothing.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client, report: String) -> messenger_sdk::Result<()> {
    /// let sent = client.send_texts("7000000000000001", &report).await?;
    /// println!("sent in {} messages", sent.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`], for the first part that fails; the parts before it were delivered
    /// and the ones after it are not sent.
    pub async fn send_texts<R, T>(&self, recipient: R, text: T) -> Result<Vec<SendResponse>>
    where
        R: Into<Recipient>,
        T: AsRef<str>,
    {
        let recipient = recipient.into();
        let parts = split_text(text.as_ref(), TEXT_MAX);
        let mut sent = Vec::with_capacity(parts.len());
        for part in parts {
            sent.push(self.send_text(recipient.clone(), part).await?);
        }
        Ok(sent)
    }

    /// Sends a sender action without a payload (seen, typing on/off); for reactions use
    /// [`Client::react`] and [`Client::unreact`].
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// use messenger_sdk::send::SenderAction;
    ///
    /// client.sender_action("7000000000000001", SenderAction::TypingOff).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`]; [`SenderAction::React`] and [`SenderAction::Unreact`] are an
    /// [`Error::InvalidInput`] here (they need a message id).
    pub async fn sender_action<R>(&self, recipient: R, action: SenderAction) -> Result<SendResponse>
    where
        R: Into<Recipient>,
    {
        self.send(&SendRequest::action(recipient, action)).await
    }

    /// Marks the person's last message as seen.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// client.mark_seen("7000000000000001").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub async fn mark_seen<R>(&self, recipient: R) -> Result<SendResponse>
    where
        R: Into<Recipient>,
    {
        self.sender_action(recipient, SenderAction::MarkSeen).await
    }

    /// Shows the typing bubble (until the next message, [`Client::typing_off`] or about 20 s).
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// client.typing_on("7000000000000001").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub async fn typing_on<R>(&self, recipient: R) -> Result<SendResponse>
    where
        R: Into<Recipient>,
    {
        self.sender_action(recipient, SenderAction::TypingOn).await
    }

    /// Hides the typing bubble.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// client.typing_off("7000000000000001").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub async fn typing_off<R>(&self, recipient: R) -> Result<SendResponse>
    where
        R: Into<Recipient>,
    {
        self.sender_action(recipient, SenderAction::TypingOff).await
    }

    /// Reacts to the message `message_id` with an emoji; reacting again replaces the reaction.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// client.react("7000000000000001", "m_AbCdEf0123456789", "❤️").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub async fn react<R, M, E>(
        &self,
        recipient: R,
        message_id: M,
        reaction: E,
    ) -> Result<SendResponse>
    where
        R: Into<Recipient>,
        M: Into<String>,
        E: Into<String>,
    {
        self.send(&SendRequest::react(recipient, message_id, reaction))
            .await
    }

    /// Removes the Page's reaction from the message `message_id`.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// client.unreact("7000000000000001", "m_AbCdEf0123456789").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub async fn unreact<R, M>(&self, recipient: R, message_id: M) -> Result<SendResponse>
    where
        R: Into<Recipient>,
        M: Into<String>,
    {
        self.send(&SendRequest::unreact(recipient, message_id))
            .await
    }
}

/// A message for the Send API, made by [`Client::send_message`] or [`Client::send_text`]; nothing
/// is sent until it is awaited (or [`SendMessageRequest::send`] is called), so the setters can
/// add a tag, a messaging type or a notification type first.
///
/// ```no_run
/// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
/// use messenger_sdk::send::{Message, MessagingType, NotificationType};
///
/// let sent = client
///     .send_message("7000000000000001", Message::text("Patch 7.39 is out"))
///     .messaging_type(MessagingType::Update)
///     .notification_type(NotificationType::NoPush)
///     .await?;
/// println!("{:?}", sent.message_id);
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited"]
#[derive(Debug, Clone)]
pub struct SendMessageRequest<'c> {
    client: &'c Client,
    request: SendRequest,
}

impl<'c> SendMessageRequest<'c> {
    /// Sets the messaging type (clears the tag unless it is [`MessagingType::MessageTag`]); see
    /// [`SendRequest::messaging_type`].
    ///
    /// ```
    /// # let client = messenger_sdk::Client::builder().page_access_token("t").build().unwrap();
    /// use messenger_sdk::send::{Message, MessagingType};
    ///
    /// let request = client
    ///     .send_message("7000000000000001", Message::text("Patch 7.39 is out"))
    ///     .messaging_type(MessagingType::Update);
    /// assert_eq!(request.body().messaging_type, MessagingType::Update);
    /// ```
    pub fn messaging_type(mut self, messaging_type: MessagingType) -> Self {
        self.request = self.request.messaging_type(messaging_type);
        self
    }

    /// Sends with a message tag (outside the 24-hour window), which sets the messaging type to
    /// [`MessagingType::MessageTag`] too; see [`SendRequest::tag`].
    ///
    /// ```
    /// # let client = messenger_sdk::Client::builder().page_access_token("t").build().unwrap();
    /// use messenger_sdk::send::{Message, MessageTag, MessagingType};
    ///
    /// let request = client
    ///     .send_message("7000000000000001", Message::text("Your refund is on its way"))
    ///     .tag(MessageTag::PostPurchaseUpdate);
    /// assert_eq!(request.body().messaging_type, MessagingType::MessageTag);
    /// assert_eq!(request.body().tag, Some(MessageTag::PostPurchaseUpdate));
    /// ```
    pub fn tag(mut self, tag: MessageTag) -> Self {
        self.request = self.request.tag(tag);
        self
    }

    /// How the person is notified; see [`SendRequest::notification_type`].
    ///
    /// ```
    /// # let client = messenger_sdk::Client::builder().page_access_token("t").build().unwrap();
    /// use messenger_sdk::send::{Message, NotificationType};
    ///
    /// let request = client
    ///     .send_message("7000000000000001", Message::text("psst"))
    ///     .notification_type(NotificationType::SilentPush);
    /// assert_eq!(request.body().notification_type, Some(NotificationType::SilentPush));
    /// ```
    pub fn notification_type(mut self, notification_type: NotificationType) -> Self {
        self.request = self.request.notification_type(notification_type);
        self
    }

    /// The body this request will send.
    ///
    /// ```
    /// # let client = messenger_sdk::Client::builder().page_access_token("t").build().unwrap();
    /// let request = client.send_text("7000000000000001", "gg");
    /// assert_eq!(
    ///     serde_json::to_value(request.body()).unwrap(),
    ///     serde_json::json!({
    ///         "recipient": {"id": "7000000000000001"},
    ///         "messaging_type": "RESPONSE",
    ///         "message": {"text": "gg"}
    ///     })
    /// );
    /// ```
    #[must_use]
    pub fn body(&self) -> &SendRequest {
        &self.request
    }

    /// Sends the message; the same as awaiting the request.
    ///
    /// ```no_run
    /// # async fn demo(client: messenger_sdk::Client) -> messenger_sdk::Result<()> {
    /// let sent = client.send_text("7000000000000001", "gg wp").send().await?;
    /// println!("{:?}", sent.message_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Client::send`].
    pub async fn send(self) -> Result<SendResponse> {
        self.client.send(&self.request).await
    }
}

impl<'c> IntoFuture for SendMessageRequest<'c> {
    type Output = Result<SendResponse>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<SendResponse>> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
