// Added to github.com/kyverno/chainsaw/pkg/runner/internal at build time (go build -overlay, see
// scripts/e2e/build-tools.sh): chainsaw v0.2.12 drives testing.MainStart with its own TestDeps, and Go 1.25
// added ModulePath to the interface that takes. "" is what the testing package's own fallback returns.
package internal

func (*TestDeps) ModulePath() string { return "" }
