# Agora's container image: a release build of the server and the site, on a slim Debian.
# It cannot be built on the development machines (no container engine there); it follows
# scripts/setup and the release build exactly, with the same pinned versions.

# --- front-end tools: Node 20 for Tailwind v4 and wasm-opt --------------------------
FROM node:20-bookworm-slim AS node

# --- build ------------------------------------------------------------------------
FROM rust:1.95-bookworm AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads \
 && cargo install wasm-bindgen-cli --version 0.2.130
WORKDIR /src
COPY package.json package-lock.json ./
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
ENV PATH="/src/node_modules/.bin:${PATH}"
COPY . .
RUN cargo leptos build --release --split \
 && mkdir -p /out \
 && cp target/release/agora /out/agora \
 && cp -r target/site /out/site

# --- runtime -----------------------------------------------------------------------
FROM debian:bookworm-slim
# bubblewrap sandboxes deployed apps (it needs user namespaces; without them the runtime
# falls back to plain processes and says so in the log); python3 runs the demo apps.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates bubblewrap python3 tini \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/agora --create-home agora
COPY --from=build /out/agora /app/agora
COPY --from=build /out/site /app/site
ENV AGORA_SITE_ROOT=/app/site \
    AGORA_DATA_DIR=/var/lib/agora \
    AGORA_BIND=0.0.0.0:3000 \
    AGORA_LOG_FORMAT=json
USER agora
WORKDIR /var/lib/agora
VOLUME ["/var/lib/agora"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s \
  CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/readyz', timeout=2)"
ENTRYPOINT ["/usr/bin/tini", "--", "/app/agora"]
CMD ["serve"]
