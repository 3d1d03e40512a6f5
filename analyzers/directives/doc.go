// Package directives defines an Analyzer that checks rtlint's own
// suppression comments.
//
// # Analyzer directives
//
// directives: report malformed //rtlint:ignore and //rtlint:file-ignore comments
//
// A finding that does not apply is silenced where it is reported:
//
//	//rtlint:ignore lockthread the thread is dirty after unshare; let it die
//	runtime.LockOSThread()
//
// on the flagged line or the line above, or for a whole file with
// //rtlint:file-ignore NAME[,NAME] reason. The reason is required: it is the
// record a reviewer reads. This analyzer reports directives that silence
// nothing because they are malformed: no analyzer named, an analyzer that
// does not exist, no reason, an unknown verb, or a space after the slashes
// ("// rtlint:ignore" is an ordinary comment to every tool).
//
// Its reports are default tier: a directive that silences nothing is a
// defect in the record. Other tools' suppressions (//nolint,
// //lint:ignore), which rtlint also reads (see internal/directive), are
// those tools' to check and are not reported here.
//
// Every other rtlint analyzer uses this one to find the directives, so it
// runs even when its own reports are turned off with -directives=false.
// Its reports carry no runtime citation: they are about the comment, not
// about the runtime.
package directives
