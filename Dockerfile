# Benturan as a container: built with cargo-leptos (the release server, the
# size-optimised WASM, precompressed assets), run on a slim Debian as an
# unprivileged user with only the binary and the site folder.
#
#   docker build -t benturan .
#   docker run -p 3000:3000 -v benturan:/var/lib/benturan benturan
#
# SQLite in the volume by default; compose.yaml runs it on PostgreSQL.

FROM rust:1.95-bookworm AS build
# Node for binaryen's wasm-opt (npm 132: Debian's breaks hydration).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
RUN rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads \
 && cargo install wasm-bindgen-cli --version 0.2.130 --locked
WORKDIR /src
# The npm packages first: a layer that outlives source changes.
COPY end2end/package.json end2end/package-lock.json end2end/
RUN cd end2end && npm ci --no-audit --no-fund --omit=optional
COPY . .
ENV PATH=/src/end2end/node_modules/.bin:$PATH
RUN cargo leptos build --release --precompress \
 && mkdir -p /out \
 && cp target/release/benturan /out/benturan \
 && cp -r target/site /out/site

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/benturan --create-home benturan
COPY --from=build /out/benturan /usr/local/bin/benturan
COPY --from=build /out/site /usr/share/benturan/site
USER benturan
WORKDIR /var/lib/benturan
ENV LEPTOS_SITE_ROOT=/usr/share/benturan/site \
    LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    DATABASE_URL=sqlite:///var/lib/benturan/benturan.sqlite?mode=rwc \
    BENTURAN_LOG_FORMAT=json
VOLUME /var/lib/benturan
EXPOSE 3000
# /healthz without curl: bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/3000 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/usr/local/bin/benturan"]
CMD ["serve"]
