using GoSynth.Cli;

return await GoSynthApp.RunAsync(args).ConfigureAwait(false);
