// The op table's chain rules are inlined into the backward loops, and a loop that inlines them would otherwise zero
// their temporaries on every node. Every local is assigned before it is read (reference locals are still zeroed by
// the runtime, for the garbage collector).
[module: System.Runtime.CompilerServices.SkipLocalsInit]
