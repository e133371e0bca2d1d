// Command kyaml-merge-schema writes, as JSON, what Kyverno's strategic merge reads from the Kubernetes OpenAPI
// document kustomize's kyaml embeds: per built-in kind, the lists with a patch strategy and their merge keys
// (PatchStrategyAndKeyList), pruned to the paths that lead to one. Subtrees that repeat (PodSpec, ObjectMeta...)
// are written once in "shared" and referenced by index.
//
//	cd scripts/kyaml-merge-schema && go run . > ../../src/engine/mutate/patch/kyaml-merge-schema.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"sigs.k8s.io/kustomize/kyaml/openapi"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

type node struct {
	Ref      *int             `json:"ref,omitempty"`
	Fields   map[string]*node `json:"fields,omitempty"`
	Items    *node            `json:"items,omitempty"`
	Strategy string           `json:"strategy,omitempty"`
	Keys     []string         `json:"keys,omitempty"`
}

// shared holds subtrees that occur more than once (PodSpec, ObjectMeta, ...), each written once.
var (
	counts = map[string]int{}
	ids    = map[string]int{}
	shared []*node
)

func text(n *node) string { b, _ := json.Marshal(n); return string(b) }

func count(n *node) {
	if n == nil {
		return
	}
	counts[text(n)]++
	count(n.Items)
	for _, c := range n.Fields {
		count(c)
	}
}

// share replaces repeated subtrees (bottom-up) by references into shared.
func share(n *node) *node {
	if n == nil {
		return nil
	}
	t := text(n)
	n.Items = share(n.Items)
	keys := make([]string, 0, len(n.Fields))
	for k := range n.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys) // ids in a stable order, so the output is reproducible
	for _, k := range keys {
		n.Fields[k] = share(n.Fields[k])
	}
	if counts[t] < 2 || len(t) < 60 {
		return n
	}
	id, ok := ids[t]
	if !ok {
		id = len(shared)
		ids[t] = id
		shared = append(shared, n)
	}
	return &node{Ref: &id}
}

// build returns the pruned schema below s, nil when no list below it has a patch strategy.
func build(s *openapi.ResourceSchema, depth int) *node {
	if s == nil || depth > 16 {
		return nil
	}
	n := &node{}
	keep := false
	if st, keys := s.PatchStrategyAndKeyList(); st != "" || len(keys) > 0 {
		n.Strategy, n.Keys, keep = st, keys, true
	}
	if e := s.Elements(); e != nil {
		if c := build(e, depth+1); c != nil {
			n.Items, keep = c, true
		}
	}
	for k := range s.Schema.Properties {
		if c := build(s.Field(k), depth+1); c != nil {
			if n.Fields == nil {
				n.Fields = map[string]*node{}
			}
			n.Fields[k], keep = c, true
		}
	}
	if !keep {
		return nil
	}
	return n
}

func main() {
	out := map[string]*node{}
	var names []string
	for _, d := range openapi.Schema().Definitions {
		gvks, ok := d.Extensions["x-kubernetes-group-version-kind"].([]interface{})
		if !ok {
			continue
		}
		for _, g := range gvks {
			m := g.(map[string]interface{})
			av := m["version"].(string)
			if grp := m["group"].(string); grp != "" {
				av = grp + "/" + av
			}
			names = append(names, av+"/"+m["kind"].(string))
		}
	}
	sort.Strings(names)
	for _, gvk := range names {
		i := len(gvk) - 1
		for gvk[i] != '/' {
			i--
		}
		s := openapi.SchemaForResourceType(yaml.TypeMeta{APIVersion: gvk[:i], Kind: gvk[i+1:]})
		if s == nil {
			fmt.Fprintln(os.Stderr, "no schema", gvk)
			continue
		}
		n := build(s, 0)
		if n == nil {
			n = &node{}
		}
		out[gvk] = n
	}
	for _, n := range out {
		count(n)
	}
	for _, gvk := range names {
		if n, ok := out[gvk]; ok {
			out[gvk] = share(n)
		}
	}
	b, _ := json.MarshalIndent(map[string]interface{}{"kinds": out, "shared": shared}, "", " ")
	fmt.Println(string(b))
}
