package analysisutil

import (
	"go/ast"
	"go/types"
)

// NeverReturns reports whether a call of fn never returns normally: it
// exits the process (os.Exit, syscall.Exit, log.Fatal...), ends the
// goroutine (runtime.Goexit, and the testing methods that stop a test,
// which call it), or always panics (log.Panic...). It knows the standard
// library and the logging packages go/analysis/passes/ctrlflow knows
// (zap, logrus, klog, glog). This is the one list every analyzer uses,
// for syntax (NoReturn) and for SSA callees alike.
func NeverReturns(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := fn.Name()
	method := fn.Signature().Recv() != nil
	switch fn.Pkg().Path() {
	case "runtime":
		return !method && name == "Goexit"
	case "os", "syscall":
		return !method && name == "Exit"
	case "log", "log/slog":
		switch name {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "testing":
		switch name {
		case "FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf":
			return method
		}
	case "go.uber.org/zap":
		switch name {
		case "Fatal", "Fatalw", "Fatalf", "Panic", "Panicw", "Panicf":
			return method
		}
	case "github.com/sirupsen/logrus":
		switch name {
		case "Exit", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "k8s.io/klog", "k8s.io/klog/v2", "github.com/golang/glog":
		switch name {
		case "Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln":
			return !method
		}
	}
	return false
}

// EndsGoroutine reports whether a call of fn ends the calling goroutine
// but not the process: runtime.Goexit, and the testing methods that stop a
// test (FailNow, Fatal, Skip...), which call it. Deferred calls run, the
// process goes on.
func EndsGoroutine(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || !NeverReturns(fn) {
		return false
	}
	return fn.Pkg().Path() == "runtime" || fn.Pkg().Path() == "testing"
}

// NoReturn reports whether call never returns normally: the panic builtin
// or a call of a function NeverReturns knows.
func NoReturn(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "panic"
		}
	}
	return NeverReturns(Callee(info, call))
}
