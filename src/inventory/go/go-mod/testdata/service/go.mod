// Orders API: HTTP (gin) + gRPC front end over Postgres and Redis.
module github.com/acme/orders-api

go 1.21

toolchain go1.21.5

require (
	example.com/internal/auth v0.0.0-00010101000000-000000000000
	github.com/docker/docker v20.10.7+incompatible
	github.com/gin-gonic/gin v1.6.0
	github.com/golang-jwt/jwt/v4 v4.4.1
	github.com/google/uuid v1.3.0
	github.com/jackc/pgx/v5 v5.4.3
	github.com/prometheus/client_golang v1.11.0
	github.com/redis/go-redis/v9 v9.0.5
	go.uber.org/zap v1.24.0
	golang.org/x/crypto v0.0.0-20220214200702-86341886e292
	golang.org/x/net v0.0.0-20220127200216-cd36cc0744dd
	google.golang.org/grpc v1.41.0
	gopkg.in/yaml.v3 v3.0.0-20200313102051-9f266ea9e77c
)

require (
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.2.0 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	github.com/gin-contrib/sse v0.1.0 // indirect
	github.com/go-playground/locales v0.13.0 // indirect
	github.com/go-playground/universal-translator v0.17.0 // indirect
	github.com/go-playground/validator/v10 v10.2.0 // indirect
	github.com/golang/protobuf v1.5.2 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20221227161230-091c0ba34f0a // indirect
	github.com/jackc/puddle/v2 v2.2.1 // indirect
	github.com/json-iterator/go v1.1.9 // indirect
	github.com/leodido/go-urn v1.2.0 // indirect
	github.com/mattn/go-isatty v0.0.12 // indirect
	github.com/matttproud/golang_protobuf_extensions v1.0.1 // indirect
	github.com/modern-go/concurrent v0.0.0-20180306012644-bacd9c7ef1dd // indirect
	github.com/modern-go/reflect2 v1.0.1 // indirect
	github.com/prometheus/client_model v0.2.0 // indirect
	github.com/prometheus/common v0.26.0 // indirect
	github.com/prometheus/procfs v0.6.0 // indirect
	github.com/ugorji/go/codec v1.1.7 // indirect
	go.uber.org/atomic v1.9.0 // indirect
	go.uber.org/multierr v1.8.0 // indirect
	golang.org/x/sync v0.1.0 // indirect
	golang.org/x/sys v0.0.0-20220128215802-99c3d69c2c27 // indirect; pinned by x/net
	golang.org/x/text v0.3.7 // indirect
	google.golang.org/genproto v0.0.0-20210831024726-fe130286e0e2 // indirect
	google.golang.org/protobuf v1.27.1 // indirect
	gopkg.in/yaml.v2 v2.2.8 // indirect
)

replace (
	// The auth client lives next to this service in the monorepo.
	example.com/internal/auth => ../auth

	// Fork with the fix for https://github.com/ugorji/go/issues/360, for every version.
	github.com/ugorji/go/codec => github.com/acme-forks/ugorji-codec v1.1.8-acme.1

	// Only this version of x/crypto is swapped; a later bump drops the replacement.
	golang.org/x/crypto v0.0.0-20220214200702-86341886e292 => golang.org/x/crypto v0.0.0-20220314234659-1baeb1ce4c0b

	// Stale: nothing requires it any more.
	github.com/sirupsen/logrus => github.com/sirupsen/logrus v1.8.1
)

exclude github.com/prometheus/client_golang v1.11.1

retract (
	v1.0.1 // published from the wrong branch
	[v1.1.0, v1.1.3] // leaked credentials in testdata
)
