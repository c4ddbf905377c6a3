// One test at a time: the tests start browsers and notebook kernels (two cores are plenty busy with one), and the
// built-in-layout test briefly hides Graphviz by clearing PATH for this process.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
