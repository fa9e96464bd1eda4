using HooksDashboard;
using HooksDashboard.Cli;

// The same executable is the server and the command line: a known verb runs the CLI without a server.
if (CliApp.Handles(args))
{
    // Ctrl+C or SIGTERM ends a command (e.g. `hooks logs --follow`) cleanly instead of killing the process mid-write.
    using var interrupt = new CliInterrupt();
    return await CliApp.RunAsync(args, Console.Out, Console.Error, interrupt.Token);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHooksDashboard(builder.Configuration);

var app = builder.Build();
app.UseHooksDashboard();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
