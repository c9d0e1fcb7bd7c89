using System.CommandLine;
using HyperSweep.Client;

var root = new RootCommand("HyperSweep: hyper-parameter sweeps for NLP models on Orleans.")
{
    RunCommand.Create(),
    HyperSweep.Client.Train.TrainCommand.Create(),
};

// Ctrl-C is handled by the commands themselves (run pauses the sweep and stops its silo cleanly).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
