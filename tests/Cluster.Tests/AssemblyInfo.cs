// Each test runs a whole cluster of real processes; two at once on a 2-core machine would only slow both down.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
