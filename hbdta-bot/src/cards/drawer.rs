//! One thread draws every picture, one after the other.
//!
//! Drawing is CPU work (about 5 ms a card), so it stays off the async workers. One thread rather
//! than tokio's blocking pool: each thread that allocates gets its own malloc arena, and cards
//! drawn at once on pool threads took the server's peak RSS from 13 to 58 MiB (BENCHMARKS.md).
//! Cards wait their turn instead (about 200 a second); the thread keeps one pixmap for all of
//! them, and drawn cards are cached.

use std::sync::OnceLock;
use std::sync::mpsc;

use resvg::tiny_skia::Pixmap;
use tokio::sync::oneshot;

use super::draw::{self, DrawError};
use crate::conversation::Picture;

type Order = (Picture, oneshot::Sender<Result<Vec<u8>, DrawError>>);

/// The drawing thread's queue, started with the first picture.
fn orders() -> &'static mpsc::Sender<Order> {
    static ORDERS: OnceLock<mpsc::Sender<Order>> = OnceLock::new();
    ORDERS.get_or_init(|| {
        let (send, receive) = mpsc::channel::<Order>();
        std::thread::Builder::new()
            .name("hbdta-cards".to_owned())
            .spawn(move || {
                let mut pixmap = Pixmap::new(draw::WIDTH, draw::HEIGHT);
                for (picture, reply) in receive {
                    let png = match &mut pixmap {
                        Some(pixmap) => draw::png_on(&picture, pixmap),
                        None => Err(DrawError::Pixmap),
                    };
                    // The asker may have gone: nothing to do then.
                    let _ = reply.send(png);
                }
            })
            .expect("a thread for drawing cards");
        send
    })
}

/// The picture as PNG, drawn on the drawing thread.
pub(super) async fn draw(picture: Picture) -> Result<Vec<u8>, DrawError> {
    let (reply, answer) = oneshot::channel();
    orders()
        .send((picture, reply))
        .map_err(|_| DrawError::Png("the drawing thread has stopped".to_owned()))?;
    answer
        .await
        .map_err(|_| DrawError::Png("the drawing thread has stopped".to_owned()))?
}
