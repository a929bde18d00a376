module "github.com/acme/legacy-worker"

go 1.14

require (
	"github.com/aws/aws-sdk-go" v1.34.0
	github.com/pkg/errors v0.9.1
	github.com/sirupsen/logrus v1.4.2
	github.com/stretchr/testify v1.6.1 // test only
	k8s.io/client-go v0.18.6
	k8s.io/apimachinery v0.18.6
	github.com/satori/go.uuid v1.2.0
	gopkg.in/yaml.v2 v2.2.2 // indirect
)

require `github.com/dgrijalva/jwt-go` v3.2.0+incompatible

replace k8s.io/client-go v0.18.6 => k8s.io/client-go v0.18.8
