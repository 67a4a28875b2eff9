//! [`ReceiptTemplate`]: an order confirmation, with its address, summary, adjustments and items.

use serde::{Deserialize, Serialize};

use super::count;
use crate::limits::LimitError;

/// Receipt template elements: 100.
pub const RECEIPT_ELEMENTS_MAX: usize = 100;

/// A receipt template: an order confirmation.
///
/// ```
/// use messenger_sdk::send::{ReceiptAddress, ReceiptElement, ReceiptSummary, ReceiptTemplate};
///
/// let receipt = ReceiptTemplate::new("Ana Lopez", "ORD-1001", "EUR", "Visa 2345", ReceiptSummary::total(54.5))
///     .address(ReceiptAddress::new("1 Main St", "Stockholm", "111 22", "AB", "SE"))
///     .element(ReceiptElement::new("Battle Pass", 44.5).quantity(1))
///     .adjustment("Welcome discount", 5.0);
/// assert!(receipt.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptTemplate {
    /// The buyer's name.
    pub recipient_name: String,
    /// Shown as logo text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    /// Unique order number.
    pub order_number: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// E.g. `Visa 2345`.
    pub payment_method: String,
    /// A link to the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_url: Option<String>,
    /// When the order was placed, Unix seconds as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The shipping address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<ReceiptAddress>,
    /// The totals.
    pub summary: ReceiptSummary,
    /// Discounts and other adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<ReceiptAdjustment>,
    /// Up to 100 items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ReceiptElement>,
}

impl ReceiptTemplate {
    /// A receipt with the required fields.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("Ana", "A-1", "USD", "Visa 2345", ReceiptSummary::total(5.0));
    /// assert_eq!(receipt.order_number, "A-1");
    /// ```
    #[must_use]
    pub fn new<N, O, C, P>(
        recipient_name: N,
        order_number: O,
        currency: C,
        payment_method: P,
        summary: ReceiptSummary,
    ) -> Self
    where
        N: Into<String>,
        O: Into<String>,
        C: Into<String>,
        P: Into<String>,
    {
        Self {
            recipient_name: recipient_name.into(),
            merchant_name: None,
            order_number: order_number.into(),
            currency: currency.into(),
            payment_method: payment_method.into(),
            order_url: None,
            timestamp: None,
            address: None,
            summary,
            adjustments: Vec::new(),
            elements: Vec::new(),
        }
    }

    /// Sets the merchant name (shown as logo text).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).merchant_name("Shop");
    /// assert_eq!(receipt.merchant_name.as_deref(), Some("Shop"));
    /// ```
    #[must_use]
    pub fn merchant_name<S>(mut self, name: S) -> Self
    where
        S: Into<String>,
    {
        self.merchant_name = Some(name.into());
        self
    }

    /// Sets the link to the order.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).order_url("https://x.test/o/1");
    /// assert!(receipt.order_url.is_some());
    /// ```
    #[must_use]
    pub fn order_url<S>(mut self, url: S) -> Self
    where
        S: Into<String>,
    {
        self.order_url = Some(url.into());
        self
    }

    /// Sets when the order was placed (Unix seconds).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).timestamp(1_767_225_600);
    /// assert_eq!(serde_json::to_value(&receipt).unwrap()["timestamp"], "1767225600");
    /// ```
    #[must_use]
    pub fn timestamp(mut self, unix_seconds: i64) -> Self {
        self.timestamp = Some(unix_seconds.to_string());
        self
    }

    /// Sets the shipping address.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptAddress, ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0))
    ///     .address(ReceiptAddress::new("1 Hacker Way", "Menlo Park", "94025", "CA", "US"));
    /// assert!(receipt.address.is_some());
    /// ```
    #[must_use]
    pub fn address(mut self, address: ReceiptAddress) -> Self {
        self.address = Some(address);
        self
    }

    /// Adds an adjustment (a discount, say).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0)).adjustment("Coupon", 10.0);
    /// assert_eq!(receipt.adjustments[0].amount, 10.0);
    /// ```
    #[must_use]
    pub fn adjustment<S>(mut self, name: S, amount: f64) -> Self
    where
        S: Into<String>,
    {
        self.adjustments.push(ReceiptAdjustment {
            name: name.into(),
            amount,
        });
        self
    }

    /// Adds an item (100 at most).
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptElement, ReceiptSummary, ReceiptTemplate};
    ///
    /// let receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0))
    ///     .element(ReceiptElement::new("Arcana", 35.0));
    /// assert_eq!(receipt.elements.len(), 1);
    /// ```
    #[must_use]
    pub fn element(mut self, element: ReceiptElement) -> Self {
        self.elements.push(element);
        self
    }

    /// Checks the number of items (100).
    ///
    /// # Errors
    ///
    /// A [`LimitError`] naming `elements`.
    ///
    /// ```
    /// use messenger_sdk::send::{ReceiptElement, ReceiptSummary, ReceiptTemplate};
    ///
    /// let mut receipt = ReceiptTemplate::new("a", "1", "USD", "cash", ReceiptSummary::total(1.0));
    /// receipt.elements = vec![ReceiptElement::new("x", 1.0); 101];
    /// assert_eq!(receipt.validate().unwrap_err().field, "elements");
    /// ```
    pub fn validate(&self) -> Result<(), LimitError> {
        count("", "elements", self.elements.len(), 0, RECEIPT_ELEMENTS_MAX)
    }
}

/// A receipt's shipping address.
///
/// ```
/// use messenger_sdk::send::ReceiptAddress;
///
/// let address = ReceiptAddress::new("1 Main St", "Stockholm", "111 22", "AB", "SE");
/// assert_eq!(serde_json::to_value(&address).unwrap()["city"], "Stockholm");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReceiptAddress {
    /// Street address, line 1.
    pub street_1: String,
    /// Street address, line 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_2: Option<String>,
    /// City.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// State abbreviation (US) or region / province.
    pub state: String,
    /// Two-letter country code.
    pub country: String,
}

impl ReceiptAddress {
    /// An address without a second street line.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptAddress;
    ///
    /// let address = ReceiptAddress::new("1 Hacker Way", "Menlo Park", "94025", "CA", "US");
    /// assert_eq!(address.street_2, None);
    /// ```
    #[must_use]
    pub fn new<A, B, C, D, E>(street_1: A, city: B, postal_code: C, state: D, country: E) -> Self
    where
        A: Into<String>,
        B: Into<String>,
        C: Into<String>,
        D: Into<String>,
        E: Into<String>,
    {
        Self {
            street_1: street_1.into(),
            street_2: None,
            city: city.into(),
            postal_code: postal_code.into(),
            state: state.into(),
            country: country.into(),
        }
    }
}

/// A receipt's totals.
///
/// ```
/// use messenger_sdk::send::ReceiptSummary;
///
/// assert_eq!(serde_json::to_value(ReceiptSummary::total(54.5)).unwrap(), serde_json::json!({"total_cost": 54.5}));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReceiptSummary {
    /// Sum before shipping and tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotal: Option<f64>,
    /// Shipping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_cost: Option<f64>,
    /// Tax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<f64>,
    /// The total.
    pub total_cost: f64,
}

impl ReceiptSummary {
    /// A summary with the total only.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptSummary;
    ///
    /// assert_eq!(serde_json::to_string(&ReceiptSummary::total(56.14)).unwrap(), r#"{"total_cost":56.14}"#);
    /// ```
    #[must_use]
    pub fn total(total_cost: f64) -> Self {
        Self {
            subtotal: None,
            shipping_cost: None,
            total_tax: None,
            total_cost,
        }
    }
}

/// A payment adjustment on a receipt.
///
/// ```
/// use messenger_sdk::send::{ReceiptSummary, ReceiptTemplate};
///
/// let receipt = ReceiptTemplate::new("Ana", "ORD-1", "EUR", "Visa", ReceiptSummary::total(5.0))
///     .adjustment("Welcome discount", 5.0);
/// assert_eq!(receipt.adjustments[0].name, "Welcome discount");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptAdjustment {
    /// E.g. `New Customer Discount`.
    pub name: String,
    /// The amount.
    pub amount: f64,
}

/// An item on a receipt.
///
/// ```
/// use messenger_sdk::send::ReceiptElement;
///
/// let item = ReceiptElement::new("Battle Pass", 44.5).quantity(1);
/// assert_eq!(serde_json::to_value(&item).unwrap()["title"], "Battle Pass");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptElement {
    /// The item's name.
    pub title: String,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// The price (0 for free items).
    pub price: f64,
    /// The price's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The item's image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

impl ReceiptElement {
    /// An item with a title and a price.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptElement;
    ///
    /// assert_eq!(serde_json::to_string(&ReceiptElement::new("Arcana", 35.0)).unwrap(), r#"{"title":"Arcana","price":35.0}"#);
    /// ```
    #[must_use]
    pub fn new<S>(title: S, price: f64) -> Self
    where
        S: Into<String>,
    {
        Self {
            title: title.into(),
            subtitle: None,
            quantity: None,
            price,
            currency: None,
            image_url: None,
        }
    }

    /// Sets the quantity.
    ///
    /// ```
    /// use messenger_sdk::send::ReceiptElement;
    ///
    /// assert_eq!(ReceiptElement::new("Arcana", 35.0).quantity(2).quantity, Some(2));
    /// ```
    #[must_use]
    pub fn quantity(mut self, quantity: u32) -> Self {
        self.quantity = Some(quantity);
        self
    }
}
