-- :VoicelintFix[!] and :VoicelintInfo. Nothing is checked until
-- require('voicelint').setup() is called (see :help voicelint).
if vim.g.loaded_voicelint then
  return
end
vim.g.loaded_voicelint = true

vim.api.nvim_create_user_command('VoicelintFix', function(args)
  require('voicelint').fix(0, args.bang)
end, { bang = true, desc = 'voicelint: apply the safe fixes (with !, also the unsafe ones)' })

vim.api.nvim_create_user_command('VoicelintInfo', function()
  print(require('voicelint').info())
end, { desc = 'voicelint: mode, library or server, and this buffer' })
