"""``make demo`` runs scripts/demo.py: it must keep working and clean up after itself."""

import re
import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "scripts" / "demo.py"


def test_demo_scaffolds_and_shows_the_samples():
    result = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, check=True
    )
    out = result.stdout
    assert "===== src/dtos/order_created.py =====" in out
    assert "===== src/app/order_worker.py =====" in out
    assert "class OrderCreated(BaseModel):" in out
    assert "def reserve_stock(self) -> None:" in out
    assert "invalid input for artifact type 'worker' (3 problems)" in out
    assert out.count("(exit code 0)") == 4
    assert "(exit code 2)" in out
    folder = re.search(r"the demo project (\S+) is removed now", out)
    assert folder is not None
    assert not Path(folder.group(1)).exists()
