# newsbot: a static binary on an empty base image.
#
#   docker build -t newsbot .
#   docker run --rm -e DISCORD_TOKEN newsbot
#   docker run --rm -e DISCORD_TOKEN -v "$PWD/my-articles:/articles:ro" newsbot
#   docker run --rm -i newsbot < commands.txt      # the console, no token
ARG GO_IMAGE=golang:1.26

FROM ${GO_IMAGE} AS build
# GOPROXY=off builds from a module cache mounted at /go/pkg/mod (as
# .ci/image does, where no registry but the module proxy is reachable);
# unset, the image's own setting (the module proxy) applies.
ARG GOPROXY
WORKDIR /src
# Dependencies first, so that they stay cached while the code changes.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The default articles are embedded in the binary (data/articles).
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/newsbot ./bot
# An empty folder owned by the runtime user, to be the mount point for
# extra articles.
RUN mkdir -p /out/articles /out/data && chown 65532:65532 /out/articles /out/data

FROM scratch
# CA certificates for HTTPS to Discord; nothing else is needed.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/newsbot /newsbot
COPY --from=build --chown=65532:65532 /out/articles /articles
# The store (servers' own articles and feeds) lives on a volume: scratch has
# no home directory for the default location, and "/" is not writable.
COPY --from=build --chown=65532:65532 /out/data /data
# Extra articles (.txt, .md, .json) mounted here are loaded on top of the
# embedded ones. The token comes from the environment (DISCORD_TOKEN) or a
# mounted file (DISCORD_TOKEN_FILE), never from the image.
ENV NEWSBOT_ARTICLES=/articles NEWSBOT_DB=/data/newsbot.db
VOLUME ["/articles", "/data"]
# A numeric non-root user: scratch has no /etc/passwd.
USER 65532:65532
ENTRYPOINT ["/newsbot"]
