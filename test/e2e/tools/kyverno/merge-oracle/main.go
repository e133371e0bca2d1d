// Command merge-oracle applies Kyverno's patchStrategicMerge (anchors, then kustomize's strategic merge) exactly
// as Kyverno v1.19.1's engine does, by calling its patch package: one JSON line {"resource":…,"patch":…} in, one
// line {"result":…} or {"error":"…"} out. test/differential/merge/run.mjs compares Tollgate with it on generated
// inputs, thousands a second, where a `kyverno apply` process per batch would take minutes.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/go-logr/logr"
	"github.com/kyverno/kyverno/pkg/engine/mutate/patch"
)

type request struct {
	Resource json.RawMessage `json:"resource"`
	Patch    interface{}     `json:"patch"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var r request
		var line []byte
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			line, _ = json.Marshal(map[string]string{"error": "bad request: " + err.Error()})
		} else if res, err := apply(r); err != nil {
			line, _ = json.Marshal(map[string]string{"error": err.Error()})
		} else {
			line, _ = json.Marshal(map[string]json.RawMessage{"result": res})
		}
		out.Write(append(line, '\n'))
	}
}

// apply reports a panic inside Kyverno's patch code (its anchor clean-up can index out of range) as an error.
func apply(r request) (res []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return patch.ProcessStrategicMergePatch(logr.Discard(), r.Patch, []byte(r.Resource))
}
