team_keys = {
  payments = { rotation = true, window = 30 }
  search   = { rotation = false, window = 7 }
}
