using HyperSweep.Client;

return await HyperSweepCli.InvokeAsync(args);
