package directives

func f() {
	/* want `//rtlint:ignore names no analyzer; write //rtlint:ignore NAME\[,NAME\] reason` */ //rtlint:ignore
	/* want `//rtlint:ignore lockthread gives no reason; say why the finding does not apply` */ //rtlint:ignore lockthread
	/* want `//rtlint:ignore names unknown analyzer nosuch; it silences nothing for that name` */ //rtlint:ignore nosuch some reason
	/* want `//rtlint:ignore names unknown analyzer bogus; it silences` */ //rtlint:ignore gosched,bogus a reason
	/* want `unknown rtlint directive "ignor"; want //rtlint:ignore or //rtlint:file-ignore` */ //rtlint:ignor gosched typo
	/* want `rtlint directive has a space after //, so it is ignored; write //rtlint:ignore` */ // rtlint:ignore gosched spaced
	/* want `//rtlint:file-ignore names no analyzer` */ //rtlint:file-ignore
	/* want `empty rtlint directive` */ //rtlint:
	/* want `has an empty analyzer name` */ //rtlint:ignore gosched,,lockthread reason
}
