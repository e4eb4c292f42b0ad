using TodoApp.Api;

var builder = WebApplication.CreateSlimBuilder(args);

// Everything the API needs, shared with the local host that composes it in-process.
builder.AddTodoApi();

var app = builder.Build();
app.MapTodoApi();
app.Run();
