class Account:
    def __init__(self, balance):
        if balance < 0:
            raise ValueError(f"negative balance: {balance}")
        self.balance = balance

ok = Account(5)
print(ok.balance)
bad = Account(-1)
