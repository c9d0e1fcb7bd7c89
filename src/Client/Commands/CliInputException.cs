namespace HyperSweep.Client.Commands;

/// <summary>Bad input found while running a command (unknown sweep or trial, bad setting); the CLI prints the message and exits 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
