# syntax=docker/dockerfile:1
# hbdta-bot's webhook server (`hbdta-bot serve`) as a small image: a release build on the Rust
# image, then only the binary on distroless (glibc, CA certificates, no shell), as a non-root
# user. For AWS Lambda use template.yaml instead.
#
#   docker build -t hbdta-bot .
#   docker run --rm -p 3000:3000 --env-file .env hbdta-bot

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
# The registry and target caches only speed up rebuilds (BuildKit); the binary is copied out of
# the cached target directory.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p hbdta-bot \
 && cp target/release/hbdta-bot /usr/local/bin/hbdta-bot

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /usr/local/bin/hbdta-bot /usr/local/bin/hbdta-bot
# Platforms that choose the port pass PORT; HOST must be all interfaces inside a container.
# The SQLite store lives in the nonroot user's home: mount a volume there to keep people's
# memory across containers (`-v hbdta-data:/home/nonroot`), or point HBDTA_DATABASE_URL elsewhere.
WORKDIR /home/nonroot
ENV HOST=0.0.0.0 \
    PORT=3000 \
    HBDTA_DATABASE_URL=sqlite:/home/nonroot/hbdta.db \
    RUST_LOG=info
EXPOSE 3000
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/hbdta-bot"]
CMD ["serve"]
