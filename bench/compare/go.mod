module github.com/hebbrnn/hebbrnn/bench/compare

go 1.26.0

require github.com/hebbrnn/hebbrnn v0.0.0

require (
	golang.org/x/sys v0.50.0 // indirect
	gonum.org/v1/gonum v0.17.0
)

replace github.com/hebbrnn/hebbrnn => ../..
