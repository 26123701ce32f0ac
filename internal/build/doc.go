// Package build runs the pipeline from a loaded project to the files of out/: compare, assemble, render, publish.
package build
