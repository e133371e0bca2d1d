// Command etcd is the etcd server, as upstream's main.go builds it: etcd's root module
// (go.etcd.io/etcd/v3) replaces its submodules with local paths, so it cannot be built from the proxy.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
