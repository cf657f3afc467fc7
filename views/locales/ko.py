"""Korean texts, written as a Korean delivery app speaks (docs/korean.md).

Tone: polite 해요체 everywhere, refusals and errors included ("~할 수 없어요", "~해 주세요");
no 합니다체, no bare commands. An order is "{number}번 주문" in a sentence, "주문 {number}번" in
a heading, "{number}번" in a list. A placeholder that must take a particle names the pair as
its format spec, `{item:을/를}` (views.korean picks the one that fits); never "을(를)".

Glossary (one word per concept):
  가게            the store or shop (never 매장)
  가게 직원       the store's staff
  주문하기 / 주문 완료   the customer placing an order ("주문이 들어갔어요"; never 접수)
  가게 확인 중    placed, waiting for the store
  접수            the store accepting an order (button 접수, "주문을 접수했어요")
  거절            the store turning an order (or a rider's application) down
  조리 중 → 조리 완료   a menu order being made, then made
  라이더 배정     a rider taking the job
  픽업            the rider collecting the order; 포장 is the customer collecting it at the
                  counter (포장 주문)
  배달 중 → 배달 완료 → 수령 확인   on its way, handed over, confirmed by the customer
  물건            what a parcel order carries (물건 보내기, 물건 크기); 배달 is the service
  받는 분         the recipient;  고객 the customer (as the store sees them)
  인증번호        the 4-digit delivery code
  착불 / 선불     how a parcel is paid: cash on delivery, or paid before
  만나서 결제     cash for a menu order brought by a rider; 현장 결제 for one collected at
                  the counter; 바로 결제 paying now in Telegram
  현금 결제       cash, in a text that serves parcels and meals alike
  합계            what an order costs in all
  금액            a sum paid, collected or refunded (메뉴 금액: the items before the fee)
  배달비          the delivery fee of a menu order
  배달 요청       a job offered to a rider;  대기 중인 배달: jobs waiting for a rider
  메뉴 N개        what a menu job carries, as a rider reads it
  공지            an announcement (broadcast);  알림: an alert about an order
  장바구니        the cart;  품절 sold out;  재고 stock
  다시 주문하기   ordering a past order again;  저장된 주소: places kept from past orders
  요청사항        the customer's requests (가게 요청, 라이더님께, 상세 주소 = 동·호수)
  영업시간 / 휴무 the shop's hours / a day off;  일시 정지: staff pausing new orders
  최소 주문 금액  the smallest order, before the delivery fee
Times read "오후 2:32" (today) or "12월 3일 오후 2:32"; money "12,000원"; phones
"010-1234-5678" (views.words).
"""

TEXTS: dict[str, str] = {
    # --- 메뉴와 도움말 (menu and help)
    "start.greeting": (
        "안녕하세요, {name}님! 시내 어디든 물건을 배달해 드려요.\n"
        "여기서 주문하고, 배달 상황을 확인하고, 필요하면 주문을 취소할 수 있어요."
    ),
    "start.greeting_shop": (
        "안녕하세요, {name}님! {shop}에 오신 걸 환영해요.\n"
        "메뉴를 골라 주문하고, 주문 상황을 확인하고, 필요하면 취소할 수 있어요."
    ),
    "menu.new_order": "📦 새 주문",
    "menu.my_orders": "📋 주문 내역",
    "menu.help": "❓ 도움말",
    # 가게 직원과 라이더의 /start: 역할마다 한 줄, 일이 먼저
    "start.hello": "안녕하세요, {name}님!",
    "start.staff": "🏪 가게: 접수를 기다리는 주문과 오늘의 현황을 바로 볼 수 있어요.",
    "start.on_duty": "🛵 라이더: 근무 중이라 배달 요청이 여기로 와요. 위치를 계속 공유해 주세요.",
    "start.off_duty": "🛵 라이더: 지금은 근무 종료 상태예요. 근무를 시작하면 배달 요청이 와요.",
    "start.customer_too": "📦 직접 주문할 수도 있어요.",
    "start.pending": "📋 접수 대기 주문",
    "start.stats": "📊 오늘의 현황",
    "start.online": "🟢 근무 시작",
    "start.offline": "⚪ 근무 종료",
    "start.my_jobs": "🛵 내 배달",
    "start.location": "📍 위치 공유",
    "help.customer": (
        "<b>주문</b>\n"
        "/order — 배달 주문하기\n"
        "/orders — 주문 내역\n"
        "/status N — N번 주문의 상세 내용과 진행 상황\n"
        "/cancel N — N번 주문 취소 (라이더 픽업 전까지)\n"
        "/received N — N번 주문을 받았다고 확인하기\n"
        "/cancel — 작성 중인 주문 지우기\n"
        "/addresses — 저장된 주소 보기와 지우기\n"
        "/language — 언어 바꾸기 (English / 한국어)\n"
        "/mute, /unmute — 공지 끄기 / 켜기 (주문 알림은 계속 와요)"
    ),
    "help.store": (
        "<b>가게</b>\n"
        "/pending — 접수를 기다리는 주문\n"
        "/approve N — N번 주문 접수\n"
        "/reject N 사유 — N번 주문 거절\n"
        "/cancel N 사유 — N번 주문 취소\n"
        "/status N — 주문의 상세 내용과 진행 상황\n"
        "/broadcast [riders|all] 내용 — 공지 보내기 (미리 보기 후 전송)\n"
        "/broadcast_at YYYY-MM-DD HH:MM [riders|all] 내용 — 공지 예약\n"
        "/broadcasts — 최근 공지 보기와 취소\n"
        "/outbox — 알림 전송 현황과 최근 실패\n"
        "/stats — 오늘의 상태별 주문, 배달 시간, 근무 중인 라이더\n"
        "/riders — 라이더 목록과 상태\n"
        "/suspend ID, /reinstate ID — 라이더 활동 정지 / 복구\n"
        "/waive N — N번 주문을 인증번호 없이 배달 완료할 수 있게 하기\n"
        "/hours [영업시간] — 영업시간 보기와 바꾸기\n"
        "/pause [분], /resume — 새 주문 잠시 멈추기 / 다시 받기"
    ),
    "help.rider": (
        "<b>라이더</b>\n"
        "/online, /offline — 근무 시작 / 종료 (근무 중에만 배달 요청이 와요)\n"
        "위치를 공유해 주세요 (실시간 위치 추천). 가까운 배달부터 보내 드려요.\n"
        "/jobs — 라이더를 기다리는 배달\n"
        "/accept N — N번 주문 수락\n"
        "/pickup N — N번 주문 픽업 완료\n"
        "/deliver N 인증번호 — 배달 완료 (전달할 때 확인한 4자리 인증번호)\n"
        "/release N — 픽업 전에 N번 주문 반납\n"
        "/myjobs — 진행 중인 내 배달"
    ),
    "help.menu": (
        "<b>메뉴 주문</b>\n"
        "/menu — 메뉴 보고 주문하기, 담아 둔 장바구니로 이어서 주문하기 (배달 또는 포장, 만나서 "
        "결제 또는 바로 결제)\n"
        "🛒 장바구니 — 담은 메뉴의 수량 바꾸기와 빼기 (메뉴를 담으면 메뉴 아래에 장바구니 버튼이 "
        "생겨요)\n"
        "/cancel N — N번 주문 취소 (가게에서 조리를 시작하기 전까지)"
    ),
    "help.kitchen": (
        "<b>주방과 재고</b>\n"
        "/preparing N, /ready N — N번 주문 조리 시작 / 조리 완료\n"
        "/handed N — 포장 주문 N번을 고객에게 전달함\n"
        "/items — 메뉴와 재고\n"
        "/stock ITEM N — 남은 판매 수량 정하기 (또는 unlimited)\n"
        "/soldout ITEM, /available ITEM — 품절 처리 / 판매 재개\n"
        "/refunded N — 카드 결제를 직접 환불함\n"
        "/report — 오늘의 주문, 현금, 결제"
    ),
    "help.cash": "/collected N — N번 주문의 현금을 받음",
    "help.join": "/rider — 라이더 지원하기",
    "command.order": "물건 보내기",
    "command.menu": "메뉴 보고 주문하기",
    "command.orders": "주문 내역",
    "command.status": "주문 상세와 진행 상황: /status N",
    "command.cancel": "주문 취소: /cancel N",
    "command.received": "수령 확인: /received N",
    "command.help": "도움말",
    "command.language": "English / 한국어",
    "command.mute": "공지 끄기 (주문 알림은 계속 와요)",
    "command.unmute": "공지 다시 받기",
    "command.rider": "라이더 지원하기",
    "command.online": "근무 시작",
    "command.offline": "근무 종료",
    "command.jobs": "라이더를 기다리는 배달",
    "command.myjobs": "진행 중인 내 배달",
    "command.pickup": "픽업 완료: /pickup N",
    "command.deliver": "배달 완료: /deliver N 인증번호",
    "command.collected": "현금 받음: /collected N",
    "command.release": "배달 반납: /release N",
    "command.pending": "접수를 기다리는 주문",
    "command.approve": "주문 접수: /approve N",
    "command.reject": "주문 거절: /reject N 사유",
    "command.report": "오늘의 주문, 현금, 결제",
    "command.stats": "오늘의 주문과 근무 중인 라이더",
    "command.riders": "라이더와 상태",
    "command.waive": "인증번호 없이 배달 완료: /waive N",
    "command.broadcast": "고객이나 라이더에게 공지",
    "command.broadcasts": "최근 공지",
    "command.outbox": "알림 전송 현황",
    "command.hours": "영업시간 보기와 바꾸기",
    "command.pause": "새 주문 잠시 멈추기 [분]",
    "command.resume": "주문 다시 받기",
    "command.preparing": "조리 시작: /preparing N",
    "command.ready": "조리 완료: /ready N",
    "command.handed": "포장 주문 전달: /handed N",
    "command.items": "메뉴와 재고",
    "command.stock": "재고 설정: /stock ITEM N",
    "command.soldout": "품절 처리: /soldout ITEM",
    "command.available": "판매 재개: /available ITEM",
    "hint.contact": "연락처는 전화번호를 물어볼 때 보내 주세요. 그때 답으로 쓸게요.",
    "hint.free_text": (
        "무슨 말씀인지 잘 모르겠어요. 주문하려면 {command}, 사용법은 /help를 보내 주세요."
    ),
    "hint.unknown_command": "{command:은/는} 없는 명령어예요. 사용법은 /help로 확인해 주세요.",
    "hint.location": (
        "고마워요! 다만 위치는 주문을 작성할 때만 필요해요. 주문은 {command}에서 시작할 수 있어요."
    ),
    "language.ask": "사용할 언어를 골라 주세요.",
    "language.set": "언어를 한국어로 바꿨어요.",
    "button.stale": "더 이상 쓸 수 없는 버튼이에요.",
    "limit.slow_down": "메시지가 너무 빨라요. 잠시 후 다시 시도해 주세요.",
    # --- 주문 작성 (the order wizard)
    "private.only": "그건 저와의 1:1 대화에서만 할 수 있어요. 1:1 대화로 보내 주세요.",
    "order.private_only": "주문은 저와의 1:1 대화에서 /order로 해 주세요.",
    "draft.resumed": "작성하던 주문이 있어서 이어서 할게요. (/cancel을 보내면 지워져요.)",
    "draft.abandoned": "작성하던 주문을 지웠어요. 다시 주문하려면 언제든 /order를 보내 주세요.",
    "draft.none": "작성 중인 주문이 없어요. 주문을 취소하려면 /cancel N을 보내 주세요.",
    "draft.changed": (
        "요약을 보신 뒤에 주문 내용이 바뀌어서 주문하지 않았어요. 지금 내용을 보여 드릴게요."
    ),
    "ask.size": "물건 크기를 골라 주세요.",
    "ask.weight": "무게를 kg 단위로 알려 주세요. (예: 2.5)",
    "ask.pickup": "물건을 어디서 가져갈까요? 주소를 입력하거나 위치를 공유해 주세요.",
    "ask.destination": "어디로 보낼까요? 주소를 입력하거나 위치를 공유해 주세요.",
    "ask.phone": "받는 분 전화번호를 알려 주세요.",
    "ask.payment": "결제 방법을 골라 주세요.",
    "size.small": "소형",
    "size.medium": "중형",
    "size.large": "대형",
    "payment.cash": "착불",
    "payment.prepaid": "선불",
    "payment.cash_delivery": "만나서 결제",
    "payment.cash_pickup": "현장 결제",
    "summary": (
        "<b>주문 내용</b>\n"
        "{details}\n"
        "<b>합계: {price}</b>\n\n"
        "이대로 주문하려면 확인을 눌러 주세요."
    ),
    "button.confirm": "✅ 확인",
    "button.cancel": "✖ 취소",
    "placed": "{number}번 주문이 들어갔어요. 가게에서 곧 확인할 거예요.",
    # --- 주문 상세 (order details)
    "details": (
        "물건: {size}, {weight}kg{heavy}\n"
        "픽업: {pickup}\n"
        "도착: {destination}\n"
        "받는 분: {phone}\n"
        "결제: {payment}{paid}"
    ),
    "details.heavy": " (무거운 물건)",
    "place.location": "📍 공유된 위치",  # a shared point: its map buttons show where
    # map buttons under a rider's job card (views.maps)
    "map.kakao": "🗺 카카오맵",
    "map.naver": "🗺 네이버 지도",
    "map.google": "🗺 구글 지도",
    "map.pin": "공유된 위치",
    "price": "{amount:,}원",
    "status.placed": "가게 확인 중",
    "status.approved": "접수 완료 · 라이더 배정 중",
    "status.approved_menu": "주문 접수",
    "status.rejected": "주문 거절",
    "status.assigned": "라이더 배정 완료",
    "status.picked_up": "배달 중",
    "status.delivered": "배달 완료",
    "status.completed": "완료",
    "status.cancelled": "주문 취소",
    "status.expired": "자동 취소 (가게가 제때 확인하지 못했어요)",
    "timeline.placed": "주문 완료",
    "timeline.approved": "주문 접수",
    "timeline.rejected": "주문 거절",
    "timeline.assigned": "라이더 배정",
    "timeline.picked_up": "픽업 완료",
    "timeline.delivered": "배달 완료",
    "timeline.completed": "완료",
    "timeline.cancelled": "주문 취소",
    "timeline.expired": "자동 취소",
    "timeline.released": "배달 반납",
    "timeline.unassigned": "라이더 배정 취소",
    "role.customer": "고객",
    "role.store": "가게",
    "role.rider": "라이더",
    "role.system": "시스템",
    "order.card": "<b>주문 {number}번</b> — {status}\n{details}\n합계: {price}{rider}",
    "order.store_card": (
        "🧾 <b>주문 {number}번</b> · {customer}님 — {status}\n{details}\n합계: {price}{rider}"
    ),
    "order.rider": "\n라이더: {rider_name}",
    "order.code": "\n받는 분께 알려 줄 인증번호: <b>{code}</b>",
    "order.code_menu": "\n라이더에게 알려 줄 인증번호: <b>{code}</b>",
    "order.arriving_about": "\n🕒 {time} 도착 예정",
    "order.ready_about": "\n🕒 {time} 준비 완료 예정",
    "order.eta_missing_rider": "\n🕒 도착 예정 시간은 라이더 위치가 확인되면 알려 드려요",
    "order.eta_missing_map_point": (
        "\n🕒 주소에 지도 위치가 없어서 도착 예정 시간을 알려 드릴 수 없어요"
    ),
    "order.late": "\n⏰ 늦어지고 있어요 (약속 시간 {time})",
    "pending.late_title": "⏰ <b>늦어지고 있는 주문</b>",
    "pending.late_item": "{number}번 — {status} — 약속 시간 {time}",
    "list.earlier": "… 이전 기록 {count}개",
    "list.more": "… 외 {count}개",
    "order.timeline_title": "\n<b>진행 상황</b>",
    "order.timeline_entry": "{time} — {status} ({role} {name}){reason}",
    "order.timeline_reason": ": {reason}",
    "order.list_item": "{number}번 — {status} — {price}",
    "orders.title": "<b>주문 내역</b> (최신순)",
    "orders.none": "아직 주문 내역이 없어요. 주문하려면 /order를 보내 주세요.",
    "orders.footer": "주문 상세 내용은 /status N으로 볼 수 있어요. (N은 주문 번호)",
    # --- 고객 작업 (customer actions)
    "cancelled.by_you": "{number}번 주문을 취소했어요.",
    "received.thanks": "고마워요! {number}번 주문을 받았다고 확인했어요.",
    # --- 가게 (store)
    "pending.title": "<b>접수를 기다리는 주문</b>",
    "pending.none": "접수를 기다리는 주문이 없어요.",
    "approved.done": "{number}번 주문을 접수했어요.",
    "rejected.done": "{number}번 주문을 거절했어요.",
    "cancelled.by_store": "{number}번 주문을 취소했어요.",
    "reject.choose": (
        "{number}번 주문을 거절하는 이유를 골라 주세요. "
        "직접 쓰려면 /reject {number} 사유를 보내 주세요."
    ),
    "button.store_cancel": "✖ 주문 취소",
    "store_cancel.choose": (
        "{number}번 주문을 취소하는 이유를 골라 주세요. 고른 이유는 고객에게 그대로 전달돼요. "
        "직접 쓰려면 /cancel {number} 사유를 보내 주세요."
    ),
    "store_cancel_reason.closing": "오늘은 가게 문을 일찍 닫아요",
    "store_cancel_reason.unavailable": "주문하신 메뉴를 준비할 수 없게 됐어요",
    "store_cancel_reason.no_rider": "지금은 배달할 라이더가 없어요",
    "store_cancel_reason.asked": "고객님이 취소를 요청하셨어요",
    "cancel.ask": "{number}번 주문을 정말 취소할까요? 버튼을 한 번 더 눌러 주세요.",
    "button.cancel_yes": "✖ 네, {number}번 주문 취소할게요",
    "button.keep_order": "↩ 아니요, 그대로 둘게요",
    "cancel.kept": "{number}번 주문은 취소하지 않았어요.",
    "button.release": "↩ 배달 반납",
    "reject_reason.busy": "지금은 주문이 너무 많아요",
    "reject_reason.area": "배달할 수 없는 지역이에요",
    "reject_reason.parcel": "배달할 수 없는 물건이에요",
    "button.approve_n": "✅ {number}번 접수",
    "button.reject_n": "✖ {number}번 거절",
    "button.approve": "✅ 접수",
    "button.reject": "✖ 거절",
    "button.prep": "✅ {minutes}분",  # 메뉴 주문 접수: 조리에 걸리는 시간
    "button.prep_n": "✅ {number}번: {minutes}분",
    # --- 라이더 (rider)
    "jobs.title": "<b>대기 중인 배달</b>",
    "jobs.none": "지금 대기 중인 배달이 없어요.",
    "pending.item": "{number}번 — {load} — {pickup} → {destination} — {price}",
    "jobs.item": (
        "{number}번 — {load} — {pickup} → {destination}{trip} — {price}"
    ),
    "jobs.trip": " ({km}km)",
    "load.parcel": "{size}, {weight}kg{heavy}",
    "load.item": "메뉴 1개",
    "load.items": "메뉴 {count}개",
    "area.named": "{area}",
    "area.unknown": "📍 공유된 위치",
    "myjobs.title": "<b>내 배달</b>",
    "myjobs.none": "진행 중인 배달이 없어요. 대기 중인 배달은 /jobs에서 볼 수 있어요.",
    "myjobs.item": "{number}번 — {status} — {pickup} → {destination}",
    "accepted.done": "{number}번 주문이 배정됐어요.\n{details}\n고객: {customer}",
    "picked_up.done": "{number}번 주문을 픽업했어요. 도착지: {destination}",
    "delivered.done": "{number}번 주문 배달을 완료했어요. 수고하셨어요!",
    "code.ask": "{number}번 주문: 받는 분이 알려 준 4자리 인증번호를 입력해 주세요.",
    "code.keypad": "🔢 인증번호: <b>{code}</b> — 아래 숫자를 누르거나 직접 입력해 주세요.",
    "code.ask_menu": "{number}번 주문: 고객이 알려 준 4자리 인증번호를 입력해 주세요.",
    "released.done": "{number}번 주문을 반납했어요. 다른 라이더에게 보낼게요.",
    "button.decline": "✖ 거절",
    "offer.taken": "{number}번 주문이 배정됐어요.",
    "offer.declined": "거절했어요. {number}번 주문은 다른 라이더에게 보낼게요.",
    "rider.ask_vehicle_menu": "{name}님, 안녕하세요! 무엇으로 배달하시나요?",
    "reject_reason.item": "주문하신 메뉴를 지금은 준비할 수 없어요",
    "rider.ask_vehicle": (
        "{name}님, 안녕하세요! 무엇으로 배달하시나요? (10kg이 넘는 물건은 "
        "오토바이나 자동차로만 배달할 수 있어요.)"
    ),
    "rider.applied": "고마워요! 지원서({vehicle})를 가게에 보냈어요. 결과는 여기로 알려 드릴게요.",
    "vehicle.foot": "도보",
    "vehicle.bicycle": "자전거",
    "vehicle.motorbike": "오토바이",
    "vehicle.car": "자동차",
    "vehicle.none": "미기재",
    "rider.state.applying": "지원 중",
    "rider.state.pending": "승인 대기",
    "rider.state.active": "활동 중",
    "rider.state.declined": "지원 거절",
    "rider.state.suspended": "활동 정지",
    "online.done": (
        "🟢 근무를 시작했어요. 위치를 공유해 주세요 (실시간 위치 추천). "
        "가까운 배달부터 보내 드릴게요.\n👀 배달을 맡으면 배달 완료 전까지 주문한 고객이 "
        "지도에서 내 위치를 볼 수 있어요."
    ),
    "online.offered": (
        "🟢 근무를 시작했어요. 기다리던 배달을 지금 보내 드릴게요.\n👀 배달을 맡으면 배달 "
        "완료 전까지 주문한 고객이 지도에서 내 위치를 볼 수 있어요."
    ),
    "offline.done": "⚪ 근무를 마쳤어요. /online을 보내기 전까지 배달 요청이 오지 않아요.",
    "location.saved": "📍 위치를 업데이트했어요.",
    "location.ask": (
        "아래 📍 내 위치 보내기 버튼을 눌러 주세요. 실시간 위치(📎 → 위치 → 실시간 위치 "
        "공유)를 보내면 가까운 배달 요청을 계속 받을 수 있어요."
    ),
    "location.button": "📍 내 위치 보내기",
    "riders.title": "<b>라이더</b>",
    "riders.none": "아직 라이더가 없어요. /rider로 지원할 수 있어요.",
    "riders.item": "{name} (ID {id}) — {vehicle} — {state}{duty}",
    "riders.online": " · 🟢 근무 중{seen}",
    "riders.busy": " · 배달 중",
    "riders.seen": ", 마지막 확인 {time}",
    "riders.offline": " · 근무 종료",
    "rider.approved_done": "{name}님이 라이더가 됐어요.",
    "rider.declined_done": "{name}님의 지원을 거절했어요.",
    "rider.suspended_done": "{name}님의 라이더 활동을 정지했어요.",
    "rider.reinstated_done": "{name}님이 다시 라이더로 활동해요.",
    "waived.done": (
        "{number}번 주문의 인증번호 확인을 생략했어요. 라이더가 인증번호 없이 배달을 "
        "완료할 수 있어요."
    ),
    "button.accept": "🛵 {number}번 수락",
    "button.picked_up": "📦 픽업 완료",
    "button.delivered": "✅ 배달 완료",
    "button.received": "✅ 잘 받았어요",
    # --- 알림 (alerts, sent by the notifier)
    "alert.placed": "🧾 {number}번 주문이 들어갔어요. 가게에서 확인하고 있어요.",
    "alert.new_order": (
        "🆕 <b>새 주문 {number}번</b> (주문한 분: {customer})\n{details}\n합계: {price}"
    ),
    "alert.approved": "👍 가게에서 {number}번 주문을 접수했어요. 라이더를 찾고 있어요.",
    "alert.rejected": "😔 가게에서 {number}번 주문을 거절했어요. 사유: {reason}",
    "alert.assigned": (
        "🛵 {number}번 주문: 라이더 {rider_name}님{vehicle}이 픽업하러 가고 있어요.\n"
        "인증번호: <b>{code}</b> — 받는 분께 알려 주세요. 라이더가 물건을 전달할 때 필요해요."
    ),
    "alert.assigned_menu": (
        "🛵 {number}번 주문: 라이더 {rider_name}님{vehicle}이 픽업하러 가고 있어요.\n"
        "인증번호: <b>{code}</b> — 라이더가 주문을 전달할 때 알려 주세요."
    ),
    "alert.assigned_vehicle": "({vehicle})",
    "alert.released": (
        "🔄 {number}번 주문: 라이더가 배달을 반납했어요. 다른 라이더를 찾고 있어요."
    ),
    "alert.expired": (
        "⌛ 가게가 제때 확인하지 못해서 {number}번 주문이 자동 취소됐어요. 죄송해요! "
        "{command}에서 다시 주문해 주세요."
    ),
    "alert.expired_store": "⌛ 제때 접수하지 않아서 {number}번 주문이 자동 취소됐어요.",
    "alert.store_reminder": (
        "⏰ <b>{number}번 주문이 아직 접수를 기다리고 있어요</b> "
        "({customer})\n{details}\n합계: {price}"
    ),
    "alert.completed_auto": (
        "🎉 배달 완료 후 {hours}시간 동안 수령 확인이 없어서 {number}번 주문을 "
        "자동으로 완료했어요."
    ),
    "alert.code_locked": (
        "🔒 {number}번 주문이 잠겼어요. 라이더 {rider_name}님이 인증번호를 다섯 번 "
        "잘못 입력했어요. 고객과 확인한 뒤 /waive {number:을/를} 보내 주세요."
    ),
    "alert.code_waived": (
        "🔓 {number}번 주문: 가게에서 인증번호 확인을 생략했어요. 배달을 마친 뒤 "
        "/deliver {number:을/를} 보내 주세요."
    ),
    "alert.dispatch_failed.no_rider": (
        "🙋 {number}번 주문: 배정할 수 있는 라이더가 없어요. (지금까지 {offers}명에게 요청했어요.) "
        "/jobs에 올려 두었고, 다음에 근무를 시작하는 라이더에게 보낼게요."
    ),
    "alert.dispatch_failed.rounds": (
        "🙋 {number}번 주문: 라이더 {offers}명에게 요청했지만 아무도 수락하지 않았어요. "
        "/jobs에 올려 두었어요."
    ),
    "alert.offer": (
        "🛵 <b>새 배달 요청 {number}번</b> — {load}\n"
        "픽업: {pickup}{to_pickup}\n"
        "도착: {destination}{trip}\n"
        "합계: {price} ({payment})\n"
        "⏱ {seconds}초 안에 응답해 주세요 ({until}까지)"
    ),
    "alert.offer_to_pickup": " — 내 위치에서 {km}km",
    "alert.offer_trip": " — 배달 거리 {km}km",
    "alert.rider_request": "🙋 <b>라이더 지원</b>: {name} (ID {user_id}), {vehicle}",
    "alert.rider_approved": "✅ 라이더로 승인됐어요! /online을 보내면 배달 요청을 받을 수 있어요.",
    "alert.rider_declined": "죄송해요. 가게에서 라이더 지원을 거절했어요.",
    "alert.rider_suspended": (
        "⛔ 가게에서 라이더 활동을 정지했어요. "
        "자세한 내용은 가게에 문의해 주세요."
    ),
    "alert.rider_reinstated": (
        "✅ 라이더 활동이 다시 가능해졌어요. /online을 보내면 배달 요청을 받을 수 있어요."
    ),
    "alert.rider_auto_offline": (
        "⚪ 배달 요청 세 건에 연달아 응답이 없어서 근무를 종료했어요. "
        "돌아오시면 /online을 보내 주세요."
    ),
    "alert.picked_up": "📦 라이더가 {number}번 주문을 픽업했어요. 지금 배달 중이에요.",
    "requests.title": "📝 <b>요청사항</b>",
    "requests.none": (
        "📝 요청사항이 있나요? 아래 버튼을 누르거나 라이더님께 전할 말을 입력해 주세요."
    ),
    "requests.none_pickup": (
        "📝 요청사항이 있나요? 아래 버튼을 누르거나 가게에 전할 말을 입력해 주세요."
    ),
    "requests.store_note": "가게 요청: {note}",
    "requests.rider_note": "라이더님께: {note}",
    "requests.detail": "🏢 상세 주소: {detail}",
    "requests.no_cutlery": "🥄 일회용 수저·포크 안 주셔도 돼요",
    "requests.ask.door": "🚪 문 앞에 두고 가 주세요",
    "requests.ask.no_bell": "🔕 벨 누르지 말아 주세요",
    "requests.ask.call": "📞 도착하면 전화 주세요",
    "requests.button.door": "🚪 문 앞에",
    "requests.button.no_bell": "🔕 벨 안 누르기",
    "requests.button.call": "📞 도착 시 전화",
    "requests.button.cutlery": "🥄 수저 안 받기",
    "requests.button.write_store": "✍️ 가게 요청",
    "requests.button.write_rider": "✍️ 라이더 요청",
    "requests.button.write_detail": "🏢 동·호수",
    "requests.button.back": "↩ 뒤로",
    "requests.ask_store": "✍️ 가게에 전할 요청사항을 입력해 주세요. ({max}자 이내)",
    "requests.ask_rider": "✍️ 라이더님께 전할 말을 입력해 주세요. ({max}자 이내)",
    "requests.ask_detail": "🏢 동·호수와 공동현관 비밀번호를 입력해 주세요. ({max}자 이내)",
    "error.note_too_long": "요청사항이 너무 길어요. {max}자 이내로 적어 주세요.",
    "alert.rider_nearby": "🛵 라이더가 곧 도착해요. {number}번 주문을 받을 준비를 해 주세요.",
    "alert.delivered": (
        "✅ {number}번 주문 배달이 완료됐어요. 받는 분이 물건을 받았는지 확인해 주세요. "
        "(/received {number:을/를} 보내도 돼요.)"
    ),
    "alert.delivered_menu": (
        "✅ {number}번 주문 배달이 완료됐어요. 맛있게 드세요! 잘 받으셨는지 확인해 주세요. "
        "(/received {number:을/를} 보내도 돼요.)"
    ),
    "alert.completed": "🎉 {number}번 주문이 완료됐어요. 이용해 주셔서 고마워요!",
    "alert.cancelled": "❌ {by:이/가} {number}번 주문을 취소했어요.{reason}",
    "alert.cancelled_store": "❌ {by:이/가} {number}번 주문을 취소했어요.{reason}",
    "alert.cancelled_rider": "❌ 배정된 {number}번 주문을 {by:이/가} 취소했어요.{reason}",
    "alert.reason": " 사유: {reason}",
    # --- 거절 안내 (refusals, domain errors)
    "error.not_found": "찾을 수 없어요.",
    "error.order_not_found": "{number}번 주문을 찾을 수 없어요.",
    "error.not_allowed": "{number}번 주문에는 이 작업을 할 수 없어요.",
    "error.not_your_order": "{number}번 주문은 회원님의 주문이 아니에요.",
    "error.not_your_job": "{number}번 주문은 회원님에게 배정된 배달이 아니에요.",
    "error.staff_only": "가게 직원만 할 수 있어요.",
    "error.riders_only": "승인된 라이더만 할 수 있어요.",
    "error.customers_only": "고객만 주문할 수 있어요.",
    "error.invalid_transition": "{number}번 주문은 지금 '{status}' 상태라 할 수 없어요.",
    "error.already_taken": "아쉬워요. {number}번 주문은 방금 다른 라이더가 수락했어요.",
    "error.already_yours": "{number}번 주문은 이미 회원님에게 배정돼 있어요.",
    "error.cannot_carry": "{number}번 주문은 무거운 물건이라 오토바이나 자동차가 필요해요.",
    "error.being_offered": "{number}번 주문은 지금 다른 라이더에게 요청 중이에요.",
    "error.offer_gone": "{number}번 주문의 배달 요청이 이미 끝났어요.",
    "error.offer_unknown": "이미 끝난 배달 요청이에요.",
    "error.release_after_pickup": "{number}번 주문은 이미 픽업해서 반납할 수 없어요.",
    "error.code_required": "4자리 인증번호도 함께 보내 주세요: /deliver {number} 1234",
    "error.wrong_code": "{number}번 주문의 인증번호가 맞지 않아요. {left}번 더 입력할 수 있어요.",
    "error.code_locked": (
        "인증번호를 다섯 번 잘못 입력해서 {number}번 주문이 잠겼어요. 가게에서 처리할 거예요."
    ),
    "error.not_a_rider": "아직 라이더가 아니에요. /rider로 지원해 주세요.",
    "error.rider_name": "이름을 {max}자 이내로 적어 주세요: /rider 이름",
    "error.vehicle_choose": "배달 수단을 하나 골라 주세요.",
    "error.rider_request_sent": (
        "가게에 요청을 보냈어요. 답은 여기로 드릴게요. 바꾸려면 몇 분 뒤에 /rider를 다시 "
        "보내 주세요."
    ),
    "error.rider_declined_recently": "가게에서 요청을 거절했어요. 내일 다시 신청할 수 있어요.",
    "error.rider_request_replaced": (
        "{name} 님이 그 뒤에 새 요청을 보냈어요. 새 요청에서 정해 주세요."
    ),
    "error.rider_already_active": "이미 라이더로 활동 중이에요.",
    "error.rider_already_suspended": "라이더 활동이 정지된 상태예요. 가게에 문의해 주세요.",
    "error.rider_application_closed": (
        "지원 결과가 이미 나왔어요. 다시 지원하려면 /rider를 보내 주세요."
    ),
    "error.rider_not_pending": "그 라이더는 '{state}' 상태라 승인을 기다리고 있지 않아요.",
    "error.rider_not_active": "그 라이더는 '{state}' 상태라 활동 중이 아니에요.",
    "error.rider_not_suspended": "그 라이더는 '{state}' 상태라 정지된 상태가 아니에요.",
    "error.rider_not_found": "ID {id} 라이더를 찾을 수 없어요.",
    "error.cancel_refused_parcel": (
        "{number}번 주문은 '{status}' 상태라 취소할 수 없어요. 물건 배달은 라이더가 "
        "픽업하기 전까지만 취소할 수 있어요. 문제가 있으면 가게에 문의해 주세요."
    ),
    "error.cancel_refused_menu": (
        "{number}번 주문은 '{status}' 상태라 취소할 수 없어요. 고객은 가게에서 조리를 "
        "시작하기 전까지, 가게는 라이더가 픽업하기 전까지 취소할 수 있어요. "
        "문제가 있으면 가게에 문의해 주세요."
    ),
    "error.too_many_open": (
        "진행 중인 주문이 벌써 {count}개 있어요. 하나를 받으신 뒤에 다시 주문해 주세요."
    ),
    "error.too_many_orders": (
        "최근 1시간 동안 {count}번 주문하셨어요. 잠시 후에 다시 주문해 주세요."
    ),
    "error.released_too_often": (
        "{number}번 주문을 {count}번 반납하셔서 이제 다른 라이더에게 넘어가요."
    ),
    "error.reason_required": "사유도 함께 보내 주세요: /cancel {number} 사유",
    "error.reject_reason_required": "사유도 함께 보내 주세요: /reject {number} 사유",
    "error.reason_too_long": "사유가 너무 길어요. {max}자 이내로 적어 주세요.",
    "error.prep_choice": "조리 시간은 {choices}분 중에서 골라 주세요.",
    "error.prep_menu_only": (
        "{number}번 주문은 물건 보내기 주문이에요. 조리 시간은 메뉴 주문에만 정할 수 있어요."
    ),
    "error.conflict": "같은 때에 주문이 바뀌었어요. 다시 시도해 주세요.",
    "error.size_choose": "소형, 중형, 대형 중에서 골라 주세요.",
    "error.weight_not_number": "무게를 2.5처럼 숫자로 입력해 주세요.",
    "error.weight_positive": "무게는 0kg보다 커야 해요.",
    "error.weight_max": "{max:g}kg까지만 배달할 수 있어요.",
    "error.address_empty": "주소가 비어 있어요. 주소를 입력하거나 위치를 공유해 주세요.",
    "error.address_too_long": "주소가 너무 길어요. {max}자 이내로 적어 주세요.",
    "error.phone_invalid": (
        "전화번호가 맞는지 확인해 주세요. "
        "010-1234-5678처럼 숫자로 입력해 주세요."
    ),
    "error.payment_choose": "착불과 선불 중에서 골라 주세요.",
    "error.location_invalid": "위치 정보가 올바르지 않아요.",
    "error.location_not_expected": "여기서는 위치 대신 글로 답해 주세요.",
    "error.stale_button": "이미 답한 질문이에요.",
    "error.summary_changed": "지난 메시지라서 처리하지 않았어요.",
    "error.draft_complete": "주문 작성을 마쳤어요. 아래에서 확인이나 취소를 눌러 주세요.",
    "error.draft_incomplete": "아직 주문 작성이 끝나지 않았어요.",
    "error.no_draft": "작성 중인 주문이 없어요. 주문하려면 /order를 보내 주세요.",
    "error.language_unknown": "지원하는 언어는 {choices:이에요/예요}.",
    "usage.CODE": "인증번호",
    "usage.reason": "사유",
    "usage.[minutes]": "[분]",
    "usage.text": "내용",
    "error.usage": "사용법: {usage}",
    "replay.done": "✓ 이미 처리됐어요.",
    "error.unexpected": "죄송해요. 잠시 문제가 생겼어요. 다시 시도해 주세요.",

    # --- 알림 전송과 공지 (delivery engine and broadcasts)
    "alert.delivery_failed": (
        "⚠️ 채팅 {chat_id}에 메시지를 보내지 못했어요 ({kind}{order}): {error}"
    ),
    "alert.delivery_failed_order": ", {number}번 주문",
    "alert.outage_started": (
        "⚠️ {since}부터 텔레그램에 연결되지 않아 알림을 보내지 못하고 모아 두었어요. "
        "다시 연결되면 순서대로 보낼게요."
    ),
    "alert.outage_ended": (
        "✅ {at}부터 텔레그램에 다시 연결됐어요 ({since}부터 끊겼어요). "
        "모아 둔 알림 {held}건을 지금 보내고 있어요."
    ),
    "alert.store_chat_lost": (
        "⚠️ 가게 그룹에 메시지를 보낼 수 없어요. {why} 해결될 때까지 가게 알림은 여기로 "
        "보내 드릴게요."
    ),
    "alert.store_chat_lost.removed": "봇이 그룹에서 내보내졌어요.",
    "alert.store_chat_lost.no_rights": "그룹에서 메시지를 보낼 권한이 없어요.",
    "alert.store_chat_lost.unknown": (
        "텔레그램에서 그 채팅을 찾을 수 없어요. STORE_CHAT_ID를 확인해 주세요."
    ),
    "alert.store_chat_back": (
        "✅ 가게 그룹에 다시 메시지를 보낼 수 있어요. 이제 가게 알림은 그룹으로 가요."
    ),
    "alert.store_topic_gone": (
        "⚠️ 가게 주제(STORE_THREAD_ID)에 메시지를 보낼 수 없어요. 주제가 닫혔거나 삭제됐어요. "
        "다시 열릴 때까지 가게 알림은 그룹의 일반 주제로 보낼게요."
    ),
    "alert.store_topic_back": "✅ 가게 주제가 다시 열렸어요. 이제 가게 알림은 그 주제로 가요.",
    "alert.broadcast_report": (
        "📢 공지 {id}번 {state}: {total}명 중 {sent}명에게 보냄 · 연락 불가 {unreachable}"
        " · 실패 {failed} · 안 보냄 {cancelled}"
    ),
    "broadcast.message": "📢 {text}",
    "broadcast.audience.customers": "모든 고객",
    "broadcast.audience.riders": "모든 라이더",
    "broadcast.audience.all": "고객과 라이더",
    "broadcast.state.draft": "작성 중",
    "broadcast.state.scheduled": "예약됨",
    "broadcast.state.sending": "보내는 중",
    "broadcast.state.finished": "완료",
    "broadcast.state.cancelled": "취소됨",
    "broadcast.preview": (
        "<b>공지 {id}번</b> 받는 사람: {audience}, {recipients}명{when}\n"
        "이렇게 보내져요:\n\n{text}"
    ),
    "broadcast.when": ", 보내는 시각: {time}",
    "broadcast.scheduled": "🕒 공지 {id}번({audience})을 {time}에 보내도록 예약했어요.",
    "broadcast.progress": (
        "📤 공지 {id}번: {sent} / {total} 보냄 · 연락 불가 {unreachable}"
        " · 실패 {failed} · 초당 {rate}건"
    ),
    "broadcast.finished": (
        "✅ 공지 {id}번을 다 보냈어요: {total}명 중 {sent}명 · 연락 불가 {unreachable} · "
        "실패 {failed}"
    ),
    "broadcast.cancelled": (
        "🛑 공지 {id}번을 취소했어요. {total}명 중 {sent}명에게 보냈고, 나머지에게는 보내지 않아요."
    ),
    "broadcast.discarded": "공지 {id}번을 취소했어요. 아무에게도 보내지 않았어요.",
    "broadcast.list_title": "<b>최근 공지</b>",
    "broadcast.list_item": "{id}번 · {state} · {audience} · {sent}/{total} · {time}\n<i>{text}</i>",
    "broadcast.none": "아직 공지가 없어요. /broadcast 내용",
    "button.send": "📤 보내기",
    "button.schedule": "🕒 예약하기",
    "button.discard": "✖ 취소",
    "button.stop": "🛑 중지",
    "button.cancel_broadcast": "🛑 {id}번 취소",
    "outbox.report": (
        "<b>알림 전송 현황</b>\n"
        "대기: {pending}{oldest}\n"
        "보냄: {sent}\n"
        "연락 불가: {unreachable}\n"
        "실패: {failed}\n"
        "취소: {cancelled}"
    ),
    "outbox.oldest": " (가장 오래된 알림: {time})",
    "outbox.failures_title": "<b>최근 실패</b>",
    "outbox.failure": "{id}번 → {chat_id} · {kind} · {state}: {error}",
    "outbox.no_failures": "실패한 알림이 없어요.",
    "mute.on": (
        "🔕 이제 공지가 오지 않아요. 주문 알림은 계속 "
        "와요. 되돌리려면 /unmute를 보내 주세요."
    ),
    "mute.off": "🔔 공지를 다시 받아요.",
    "error.broadcast_empty": "공지 내용이 비어 있어요. 사용법: /broadcast [riders|all] 내용",
    "error.broadcast_too_long": "공지가 너무 길어요. {limit}자 이내로 적어 주세요.",
    "error.broadcast_in_past": "이미 지난 시각이에요.",
    "error.broadcast_state": "공지 {id}번은 '{state}' 상태라 지금은 할 수 없어요.",
    "error.broadcast_not_found": "공지 {id}번을 찾을 수 없어요.",
    "error.broadcast_time": "시각은 YYYY-MM-DD HH:MM 형식으로 입력해 주세요. 예: 2026-12-24 09:00",

    # --- 메뉴 주문과 결제 (menu orders and payments)
    "menu.menu_order": "☕ 메뉴 주문",
    "place.none": "—",
    "money.stars": "⭐ {amount}",
    "money.other": "{amount} {currency} (최소 화폐 단위)",
    "menu.categories": "<b>{shop}</b> — 무엇을 드릴까요? 카테고리를 골라 주세요.",
    "menu.items": "<b>{category}</b> — 메뉴를 골라 주세요.",
    "menu.sold_out_list": "\n품절: {items}",
    "menu.left": " ({left}개 남음)",
    "menu.ask_option": "{item} — {option:을/를} 골라 주세요.",
    "menu.ask_quantity": "{item} 몇 개 담을까요? 버튼을 누르거나 숫자(1–{max})를 입력해 주세요.",
    "menu.added": "장바구니에 담았어요.",
    "menu.cart": "<b>장바구니</b>\n{lines}\n메뉴 금액: {total}",
    "menu.line": "{name}{options} × {quantity} — {total}",
    "menu.line_options": " ({options})",
    "menu.ask_fulfilment": "어떻게 받으실까요?",
    "menu.delivery_button": "🛵 배달",
    "menu.delivery_fee_button": "🛵 배달 (배달비 {fee})",
    "menu.pickup_button": "🏪 포장 (가게에서 받기)",
    "menu.ask_address": "어디로 배달해 드릴까요? 주소를 입력하거나 위치를 공유해 주세요.",
    "menu.ask_phone": "라이더가 연락할 전화번호를 알려 주세요.",
    "menu.details": "{lines}\n{how}\n결제: {payment}{paid}",
    "menu.pickup_at": "포장: {shop}에서 받기",
    "menu.deliver_to": "배달: {destination}{phone}",
    "menu.phone": " (연락처 {phone})",
    "menu.fee": "\n배달비: {fee}",
    "menu.paid": " (결제 완료)",
    "menu.summary": (
        "<b>주문 내용</b>\n"
        "{details}\n"
        "<b>합계: {total}</b>{charge}\n\n"
        "이대로 주문하려면 확인을 눌러 주세요."
    ),
    "menu.charge": "\n텔레그램 결제 금액: {amount}",
    "menu.back": "⬅ 뒤로",
    "menu.checkout": "🧾 주문하기",
    "menu.more": "➕ 더 담기",
    "menu.cart_button": "🛒 장바구니",
    "menu.cart_view": (
        "<b>🛒 장바구니</b>\n{lines}\n메뉴 금액: {total}\n\n"
        "−/+ 버튼으로 수량을 바꾸고, 🗑 버튼으로 메뉴를 뺄 수 있어요."
    ),
    "menu.cart_line": "{number}. {line}",
    "menu.cart_empty": "🛒 장바구니가 비어 있어요.",
    "menu.abandoned": "장바구니를 비웠어요. 다시 주문하려면 언제든 /menu를 보내 주세요.",
    "menu.changed": (
        "그 메시지 뒤에 장바구니가 바뀌어서 처리하지 않았어요. 지금 상태를 보여 드릴게요."
    ),
    "menu.resumed": "작성하던 주문이 있어서 이어서 할게요. (/cancel을 보내면 지워져요.)",
    "menu.parcel_only": "이 가게는 물건 배달만 해요. 주문하려면 /order를 보내 주세요.",
    "menu.menu_only": "이 가게는 메뉴 주문만 받아요. 주문하려면 /menu를 보내 주세요.",
    "menu.private_only": "주문은 저와의 1:1 대화에서 /menu로 해 주세요.",
    "payment.prepaid_stars": "⭐ 텔레그램으로 바로 결제",
    "payment.prepaid_card": "💳 카드로 바로 결제",
    "payment.paused": (
        "\n(텔레그램 결제를 몇 분 동안 쓸 수 없어요. 현금 결제는 할 수 있어요.)"
    ),
    "invoice.title": "주문 {number}번",
    "invoice.description": "{shop}: {number}번 주문. {minutes}분 안에 결제하면 주문이 들어가요.",
    "invoice.label": "주문 {number}번",
    "invoice.failed": (
        "지금은 텔레그램 결제를 쓸 수 없어서 {number}번 주문이 아직 들어가지 않았어요. "
        "현금 결제로 바꾸거나 주문을 취소할 수 있어요."
    ),
    "button.pay_cash": "💵 현금 결제로 바꾸기",
    "button.cancel_order": "✖ 주문 취소",
    "error.checkout_unknown": "진행 중인 주문의 청구서가 아니에요.",
    "error.checkout_paid": "이미 결제한 주문이에요.",
    "error.checkout_closed": "자동 취소됐거나 취소한 주문이라 결제할 수 없어요.",
    "error.checkout_amount": "금액이 바뀌었어요. 다시 주문해 주세요.",
    "payment.unmatched": (
        "어느 주문의 결제인지 확인할 수 없어요. 가게에 알렸고, 가게에서 환불해 드릴 거예요."
    ),
    "cash_instead.done": "{number}번 주문이 들어갔어요. 결제 방법: {payment}",
    "button.preparing": "👩‍🍳 조리 시작",
    "button.ready": "✅ 조리 완료",
    "button.handed": "🤝 전달 완료",
    "kitchen.preparing": "{number}번 주문 조리를 시작했어요. 다 되면 조리 완료를 눌러 주세요.",
    "kitchen.ready_delivery": "{number}번 주문 조리가 끝났어요. 라이더를 찾고 있어요.",
    "kitchen.ready_pickup": (
        "{number}번 포장 주문이 준비됐어요. 고객에게 건넨 뒤 전달 완료를 눌러 주세요."
    ),
    "kitchen.handed": "{number}번 주문을 전달했어요. 주문이 완료됐어요.",
    "stock.set": "{item}: 재고 {stock}",
    "stock.unlimited": "무제한",
    "stock.available": "이제 {item:을/를} 다시 주문할 수 있어요. (재고 {stock})",
    "stock.sold_out": "{item:이/가} 품절됐어요.",
    "stock.cancelled": " 다음 주문은 사과 안내와 함께 취소했어요 (결제한 주문은 환불): {numbers}.",
    "stock.title": "<b>메뉴</b>",
    "stock.line": "{item_key} — {name}: {state}",
    "stock.state_ok": "재고 {stock}",
    "stock.state_sold_out": "품절",
    "refund.settled": "{number}번 주문을 환불 완료로 표시하고 고객에게 알렸어요.",
    "report.title": "<b>오늘 ({day})</b>",
    "report.body": (
        "들어온 주문: {placed}건\n"
        "완료: {completed}건\n"
        "취소·거절·자동 취소: {ended}건\n"
        "받은 현금: {cash} ({cash_orders}건)\n"
        "아직 받을 현금: {cash_open} ({cash_open_orders}건)\n"
        "텔레그램 결제: {prepaid} ({prepaid_orders}건)\n"
        "환불 완료 또는 진행 중: {refunds}건"
    ),
    "stats.body": (
        "오늘 주문: {total}건{by_status}\n"
        "완료: {completed}건\n"
        "취소: {cancelled}건\n"
        "오늘 배달 완료: {delivered}건\n"
        "주문부터 배달 완료까지 평균: {average}\n"
        "지금 근무 중인 라이더: {riders}명"
    ),
    "stats.status_line": "\n  · {status}: {count}건",
    "stats.minutes": "{minutes}분",
    "stats.no_average": "아직 배달 완료 없음",
    "button.collected": "💵 현금 받음 ({amount})",
    "collected.done": "{number}번 주문의 현금 {amount:을/를} 받았다고 기록했어요.",
    "deliver.collect": "{number}번 주문: 현금 {amount:을/를} 받은 뒤 버튼을 눌러 주세요.",
    "alert.paid_placed": (
        "💳 결제가 완료됐어요. {number}번 "
        "주문이 들어가서 가게에서 확인하고 있어요."
    ),
    "alert.approved_menu": "👍 가게에서 {number}번 주문을 접수했어요.",
    "alert.preparing": "👩‍🍳 {number}번 주문을 조리하고 있어요.",
    "alert.ready": "✅ {number}번 주문 조리가 끝났어요. 배달할 라이더를 찾고 있어요.",
    "alert.ready_pickup": "✅ {number}번 주문이 준비됐어요. 가게 카운터에서 받아 가세요.",
    "alert.handed": "🎉 {number}번 주문을 전달했어요. 맛있게 드세요!",
    "alert.expired_unpaid": (
        "⌛ 제시간에 결제되지 않아서 {number}번 주문이 자동 취소됐어요. 결제된 금액은 없어요."
    ),
    "alert.sold_out": (
        "😔 죄송해요! {item:이/가} 방금 품절돼서 {number}번 주문을 취소했어요."
    ),
    "alert.refund_started": "↩ {number}번 주문: {amount:을/를} 환불하고 있어요.",
    "alert.refund_by_store": (
        "↩ {number}번 주문: 가게에서 "
        "{amount:을/를} 카드로 환불해 드릴 거예요."
    ),
    "alert.refund_to_settle": (
        "↩ {number}번 주문은 카드로 결제({amount})돼서 환불이 필요해요. "
        "결제 대행사에서 환불한 뒤 /refunded {number:을/를} 보내 주세요."
    ),
    "alert.refunded": "✅ {number}번 주문: {amount:이/가} 환불됐어요.",
    "status.awaiting_payment": "결제 대기 중",
    "status.preparing": "조리 중",
    "status.ready": "조리 완료",
    "timeline.awaiting_payment": "결제 대기",
    "timeline.preparing": "조리 시작",
    "timeline.ready": "조리 완료",
    "order.may_cancel": "\n/cancel {number:으로/로} 취소할 수 있어요.",
    "order.cancel_rule_parcel": "\n물건 배달은 라이더가 픽업하기 전까지 취소할 수 있어요.",
    "order.cancel_rule_menu": (
        "\n가게에서 조리를 시작하기 전까지 취소할 수 있어요. 그 뒤에는 가게에 문의해 주세요."
    ),
    "error.cart_empty": "장바구니가 비어 있어요. 먼저 메뉴를 골라 주세요.",
    "error.cart_full": (
        "장바구니에는 {max}가지까지 담을 수 있어요. "
        "주문을 마치거나 /cancel로 처음부터 다시 시작해 주세요."
    ),
    "error.cart_open": (
        "메뉴 주문을 작성하고 있어요. 주문을 마치거나 /cancel로 먼저 지워 주세요."
    ),
    "error.parcel_draft_open": (
        "물건 배달 주문을 작성하고 있어요. 주문을 마치거나 /cancel로 먼저 지워 주세요."
    ),
    "error.category_unknown": "이제 메뉴에 없는 카테고리예요.",
    "error.option_unknown": "이제 메뉴에 없는 옵션이에요.",
    "error.item_unknown": "메뉴에 {item:이/가} 없어요. 목록은 /items로 확인해 주세요.",
    "error.item_key_too_long": (
        "품목 키가 너무 길어요. {max}자 이내로 적어 주세요. 목록은 /items로 확인할 수 있어요."
    ),
    "error.item_sold_out": "죄송해요. {item:은/는} 품절이에요.",
    "error.only_left": "{left}개만 남았어요. 모두 장바구니에 담겨 있어요.",
    "error.item_short": (
        "죄송해요. {item:은/는} {left}개만 남았어요. 수량을 바꿔서 다시 시도해 주세요."
    ),
    "error.quantity_range": "수량은 1부터 {max}까지 골라 주세요.",
    "error.pickup_unavailable": "이 가게는 배달만 해요. 포장은 할 수 없어요.",
    "error.use_buttons": "위의 버튼을 눌러 주세요.",
    "error.stock_count": "재고는 0 이상의 숫자나 'unlimited'로 입력해 주세요.",
    "error.handed_needs_pickup": "{number}번 주문은 배달 주문이에요. 라이더가 고객에게 전달해요.",
    "error.pickup_no_rider": "{number}번 주문은 포장 주문이라 라이더가 배달하지 않아요.",
    "error.not_cash": "{number}번 주문은 미리 결제한 주문이라 받을 현금이 없어요.",
    "error.collect_after_delivery": "{number}번 주문의 현금은 배달을 완료한 뒤 기록해 주세요.",
    "error.cash_already_collected": "{number}번 주문의 현금은 이미 받았다고 기록돼 있어요.",
    "error.no_refund_to_settle": "{number}번 주문에는 처리할 카드 환불이 없어요.",
    # --- 저장된 주소와 다시 주문하기 (saved addresses and Order again)
    "addresses.location": "📍 공유된 위치 · {date}",
    "addresses.pick": "\n전에 쓴 주소를 눌러서 고를 수도 있어요.",
    "addresses.title": (
        "<b>저장된 주소</b>\n"
        "주문할 때 쓴 주소예요. 다음 주문에서 눌러서 고를 수 있어요. 지우려면 🗑 버튼을 눌러 주세요."
    ),
    "addresses.item": "{index}. {address}",
    "addresses.delete": "🗑 {index}",
    "addresses.none": (
        "저장된 주소가 없어요. 주문할 때 쓴 주소가 여기에 저장되고, 다음 주문에서 한 번에 고를 수 "
        "있어요."
    ),
    "addresses.deleted": "주소를 지웠어요.",
    "command.addresses": "저장된 주소",
    "button.order_again": "🔁 다시 주문하기",
    "button.again_n": "🔁 {number}번",
    "again.title": "🔁 <b>{number}번 주문을 다시 불러왔어요</b> (오늘 가격과 재고 기준)",
    "again.same": "지난번과 달라진 건 없어요.",
    "again.price": "• {item} 가격이 {was}에서 {price:으로/로} 바뀌었어요",
    "again.short": "• {item}: 남은 {left}개만 담았어요",
    "again.sold_out": "• {item:은/는} 오늘 품절이라 뺐어요",
    "again.gone": "• {item:은/는} 이제 메뉴에 없어서 뺐어요",
    "again.options": "• {item:은/는} 옵션이 바뀌어서 뺐어요. 메뉴에서 다시 담아 주세요",
    "again.fee": "• 배달비가 {was}에서 {price:으로/로} 바뀌었어요",
    "again.fare": "• 합계가 {was}에서 {price:으로/로} 바뀌었어요",
    "error.again_open": "{number}번 주문은 아직 진행 중이에요. 끝난 뒤에 다시 주문할 수 있어요.",
    "again.outside_zone": "• 이제 그 주소로는 배달하지 않아요. 받을 곳을 다시 알려 주세요",
    "again.below_minimum": "• 최소 주문 금액은 {was}이에요. 메뉴에서 {price} 더 담아 주세요",
    "again.no_pickup": "• 이제 포장 주문은 받지 않아요",
    "error.order_in_progress": (
        "작성 중인 주문이 있어요. 먼저 마무리하거나 /cancel로 지운 뒤 다시 눌러 주세요."
    ),
    "error.address_unknown": "저장된 주소를 찾을 수 없어요. 이미 지웠을 수 있어요.",

    # --- 영업시간, 일시 정지, 최소 주문 금액, 배달 가능 거리
    "error.checkout_not_taking": (
        "지금은 주문을 받지 않아서 결제가 진행되지 않았어요. {opens}부터 /orders에서 다시 "
        "주문할 수 있어요."
    ),
    "error.checkout_not_taking_for_now": "지금은 주문을 받지 않아서 결제가 진행되지 않았어요.",
    "error.shop_closed": "지금은 주문을 받지 않아요. {opens}에 다시 열어요.",
    "error.shop_closed_for_now": "죄송해요. 지금은 주문을 받지 않아요.",
    "error.shop_paused": "잠시 주문을 멈췄어요. {opens}부터 다시 받아요.",
    "error.shop_paused_for_now": "잠시 주문을 멈췄어요. 조금 뒤에 다시 주문해 주세요.",
    "error.hours_unreadable": (
        "“{part}” 부분을 읽을 수 없어요. 이렇게 써 주세요: "
        "<code>mon-fri 09:00-21:00; sat 10:00-18:00; sun closed</code>"
    ),
    "error.hours_too_long": "영업시간이 너무 길어요. {max}자 이내로 적어 주세요.",
    "error.pause_minutes": (
        "멈출 시간은 1분에서 {max}분 사이로 정해 주세요. /resume을 보낼 때까지 멈추려면 "
        "/pause만 보내 주세요."
    ),
    "error.prices_changed": (
        "담은 뒤에 가격이 바뀌었어요: {item} {was} → {price}. 아래 장바구니는 지금 "
        "가격이에요. 다시 주문하기를 눌러 주세요."
    ),
    "error.prices_changed_several": (
        "담은 뒤에 메뉴 {count}개의 가격이 바뀌었어요 (예: {item} {was} → {price}). 아래 "
        "장바구니는 지금 가격이에요. 다시 주문하기를 눌러 주세요."
    ),
    "error.below_minimum": (
        "최소 주문 금액은 {minimum:,}원이에요 (배달비 제외). "
        "{missing:,}원 더 담으면 주문할 수 있어요."
    ),
    "error.outside_zone": (
        "그 위치는 가게에서 {km:.1f}km 떨어져 있어요. 배달은 {radius:g}km 안에서만 해요. "
        "{radius:g}km 안의 위치를 공유해 주세요. 주소를 직접 입력하면 가게에서 확인해 드려요."
    ),
    "coming.today": "오늘 {time}",
    "coming.tomorrow": "내일 {time}",
    "coming.day": "{day} {time}",
    "shop.open": "🟢 영업 중: 주문을 받고 있어요.",
    "shop.closed": "🌙 영업시간이 아니에요. {opens}부터 주문을 받아요.",
    "shop.closed_for_now": "🌙 영업시간이 정해진 요일이 없어서 주문을 받지 않아요.",
    "shop.paused": (
        "⏸ 주문을 잠시 멈췄어요. {opens}부터 다시 받아요. 지금 받으려면 /resume을 보내 주세요."
    ),
    "shop.paused_for_now": "⏸ /resume을 보낼 때까지 주문을 멈췄어요.",
    "shop.resumed": "▶️ 일시 정지를 풀었어요.",
    "hours.title": "<b>영업시간</b>",
    "hours.day": "{day} {ranges}",
    "hours.closed": "휴무",
    "hours.always": "매일 24시간 주문을 받아요 (영업시간 설정 없음).",
    "hours.changed": "✅ 영업시간을 바꿨어요.",
    "hours.how": (
        "바꾸려면: <code>/hours mon-fri 09:00-21:00; sat 10:00-18:00; sun closed</code> "
        "(요일은 월-금처럼 써도 돼요. 18:00-02:00은 다음 날 새벽 2시까지예요. "
        "<code>/hours default</code>를 보내면 기본 설정으로 돌아가요.)"
    ),
    "menu.delivery_from_button": "🛵 배달 (배달비 {fee}~)",
    "menu.base_fee_note": (
        "\nℹ️ 주소를 입력하면 기본 배달비가, 위치를 공유하면 거리별 배달비가 적용돼요."
    ),
}
