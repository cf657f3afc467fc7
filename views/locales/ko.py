"""Korean texts."""

TEXTS: dict[str, str] = {
    # --- 메뉴와 도움말 (menu and help)
    "start.greeting": (
        "안녕하세요, {name}님! 시내 곳곳으로 택배를 배달해 드립니다.\n"
        "주문하기, 배송 조회는 물론 아직 가능한 동안에는 주문 취소도 할 수 있습니다."
    ),
    "start.greeting_shop": (
        "안녕하세요, {name}님! {shop}에 오신 것을 환영합니다.\n"
        "메뉴에서 주문하고, 주문을 확인하고, 아직 가능한 동안에는 취소할 수 있습니다."
    ),
    "menu.new_order": "📦 새 주문",
    "menu.my_orders": "📋 내 주문",
    "menu.help": "❓ 도움말",
    "help.customer": (
        "<b>주문</b>\n"
        "/order — 배달 주문하기\n"
        "/orders — 내 주문 목록\n"
        "/status N — 주문 #N 상세 및 진행 내역\n"
        "/cancel N — 주문 #N 취소 (픽업 전까지)\n"
        "/received N — 주문 #N 수령 확인\n"
        "/cancel — 작성 중인 주문 취소\n"
        "/language — 언어 선택 (영어/한국어)\n"
        "/mute, /unmute — 공지 끄기/켜기 (주문 알림은 항상 받습니다)"
    ),
    "help.store": (
        "<b>매장</b>\n"
        "/pending — 승인 대기 중인 주문\n"
        "/approve N — 주문 #N 승인\n"
        "/reject N 사유 — 주문 #N 거절\n"
        "/cancel N 사유 — 주문 #N 취소\n"
        "/status N — 주문 상세 및 진행 내역\n"
        "/broadcast [riders|all] 내용 — 공지 (미리보기 후 전송)\n"
        "/broadcast_at YYYY-MM-DD HH:MM [riders|all] 내용 — 예약 공지\n"
        "/broadcasts — 최근 공지 목록 및 취소\n"
        "/outbox — 알림 전송 현황과 최근 실패\n"
        "/stats — 오늘의 상태별 주문, 배달 시간, 온라인 라이더\n"
        "/riders — 라이더 목록과 상태\n"
        "/suspend ID, /reinstate ID — 라이더 정지 / 복귀\n"
        "/waive N — 주문 #N 인증번호 없이 배달 완료 허용"
    ),
    "help.rider": (
        "<b>라이더</b>\n"
        "/online, /offline — 근무 시작 / 종료 (온라인일 때 배차 제안을 받습니다)\n"
        "위치를 공유해 주세요 (실시간 위치 권장). 가까운 주문부터 제안합니다.\n"
        "/jobs — 라이더를 기다리는 승인된 주문\n"
        "/accept N — 주문 #N 수락\n"
        "/pickup N — 주문 #N 픽업 완료\n"
        "/deliver N 인증번호 — 배달 완료: 받는 분의 4자리 번호\n"
        "/release N — 픽업 전 주문 #N 반납\n"
        "/myjobs — 진행 중인 내 배달"
    ),
    "help.menu": (
        "<b>메뉴 주문</b>\n"
        "/menu — 메뉴에서 주문하기 (배달 또는 매장 픽업, 현금 또는 텔레그램 결제)\n"
        "/cancel N — 가게가 준비를 시작하기 전까지 주문 #N 취소"
    ),
    "help.kitchen": (
        "<b>주방과 재고</b>\n"
        "/preparing N, /ready N — 주문 #N 조리 시작 / 준비 완료\n"
        "/handed N — 고객이 픽업 주문 #N을(를) 받아 감\n"
        "/items — 메뉴와 재고\n"
        "/stock ITEM N — 남은 판매 수량 (또는 unlimited)\n"
        "/soldout ITEM, /available ITEM — 품절 처리 / 판매 재개\n"
        "/refunded N — 카드 결제를 직접 환불함\n"
        "/report — 오늘의 주문, 현금, 결제"
    ),
    "help.cash": "/collected N — 주문 #N의 현금을 받음",
    "help.join": "/rider — 라이더 지원",
    "command.order": "택배 보내기",
    "command.menu": "메뉴에서 주문하기",
    "command.orders": "내 주문",
    "command.status": "주문 상세와 진행 내역: /status N",
    "command.cancel": "주문 취소: /cancel N",
    "command.received": "받는 분이 받았어요: /received N",
    "command.help": "할 수 있는 일",
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
    "command.pending": "승인 기다리는 주문",
    "command.approve": "승인: /approve N",
    "command.reject": "거절: /reject N 사유",
    "command.report": "오늘의 주문, 현금, 결제",
    "command.stats": "오늘의 숫자와 온라인 라이더",
    "command.riders": "라이더와 상태",
    "command.waive": "인증번호 없이 배달: /waive N",
    "command.broadcast": "고객이나 라이더에게 공지",
    "command.broadcasts": "최근 공지",
    "command.outbox": "알림 전송 현황",
    "command.preparing": "조리 시작: /preparing N",
    "command.ready": "준비 완료: /ready N",
    "command.handed": "매장에서 전달: /handed N",
    "command.items": "메뉴와 재고",
    "command.stock": "재고 설정: /stock ITEM N",
    "command.soldout": "품절: /soldout ITEM",
    "command.available": "판매 재개: /available ITEM",
    "hint.contact": "받는 분 전화번호를 물어볼 때 연락처를 보내 주세요. 그 질문의 답이 돼요.",
    "hint.free_text": (
        "무슨 말씀인지 이해하지 못했습니다. "
        "주문하려면 /order 명령어를, 사용 방법은 /help 명령어를 보내 주세요."
    ),
    "hint.unknown_command": (
        "{command}은(는) 알 수 없는 명령어입니다. 사용 방법은 /help 명령어로 확인해 주세요."
    ),
    "hint.location": (
        "감사합니다. 다만 위치는 주문을 작성할 때만 필요합니다. "
        "주문을 시작하려면 /order 명령어를 보내 주세요."
    ),
    "language.ask": "언어를 선택해 주세요:",
    "language.set": "언어가 한국어로 설정되었습니다.",
    "button.stale": "더 이상 사용할 수 없는 버튼입니다.",
    "limit.slow_down": "메시지가 너무 빨라요. 잠시 후 다시 시도해 주세요.",
    # --- 주문 작성 (the order wizard)
    "order.private_only": "주문은 저와의 1:1 대화에서 /order 명령어로 해 주세요.",
    "draft.resumed": (
        "작성 중이던 주문이 있어 이어서 진행합니다. (/cancel 명령어로 삭제할 수 있습니다.)"
    ),
    "draft.abandoned": (
        "작성 중이던 주문을 삭제했습니다. 다시 시작하려면 언제든지 /order 명령어를 보내 주세요."
    ),
    "draft.none": (
        "작성 중인 주문이 없습니다. 주문을 취소하려면 /cancel N 형식으로 보내 주세요."
    ),
    "draft.changed": (
        "요약을 보신 뒤에 주문 내용이 바뀌어서 접수하지 않았어요. 지금 내용을 보여 드릴게요."
    ),
    "ask.size": "택배 크기를 선택해 주세요.",
    "ask.weight": "무게를 kg 단위로 입력해 주세요. (예: 2.5)",
    "ask.pickup": "픽업 장소를 알려 주세요. 주소를 입력하거나 위치를 공유해 주세요.",
    "ask.destination": "배송지를 알려 주세요. 주소를 입력하거나 위치를 공유해 주세요.",
    "ask.phone": "받는 분의 전화번호를 입력해 주세요.",
    "ask.payment": "결제 방법을 선택해 주세요.",
    "size.small": "소형",
    "size.medium": "중형",
    "size.large": "대형",
    "payment.cash": "착불",
    "payment.prepaid": "선불",
    "summary": (
        "<b>주문 내역</b>\n"
        "{details}\n"
        "<b>요금: {price}</b>\n\n"
        "확인을 누르면 주문이 접수됩니다."
    ),
    "button.confirm": "✅ 확인",
    "button.cancel": "✖ 취소",
    "placed": "주문 #{number}이(가) 접수되었습니다. 매장에서 곧 확인해 드립니다.",
    # --- 주문 상세 (order details)
    "details": (
        "택배: {size}, {weight}kg{heavy}\n"
        "픽업지: {pickup}\n"
        "배송지: {destination}\n"
        "받는 분: {phone}\n"
        "결제: {payment}{paid}"
    ),
    "details.heavy": " (중량물)",
    "place.location": "📍 {lat:.5f}, {lon:.5f}",
    "price": "₩{amount:,}",
    "status.placed": "승인 대기 중",
    "status.approved": "승인됨, 라이더 배정 중",
    "status.approved_menu": "가게에서 주문 수락",
    "status.rejected": "거절됨",
    "status.assigned": "라이더 배정 완료",
    "status.picked_up": "픽업 완료",
    "status.delivered": "배달 완료",
    "status.completed": "완료",
    "status.cancelled": "취소됨",
    "status.expired": "만료됨 (가게가 제때 확인하지 못함)",
    "timeline.placed": "주문 접수",
    "timeline.approved": "주문 승인",
    "timeline.rejected": "주문 거절",
    "timeline.assigned": "라이더 배정",
    "timeline.picked_up": "픽업 완료",
    "timeline.delivered": "배달 완료",
    "timeline.completed": "수령 확인",
    "timeline.cancelled": "주문 취소",
    "timeline.expired": "만료",
    "role.customer": "고객",
    "role.store": "매장",
    "role.rider": "라이더",
    "role.system": "시스템",
    "order.card": "<b>주문 #{number}</b> — {status}\n{details}\n요금: {price}{rider}",
    "order.rider": "\n라이더: {rider_name}",
    "order.code": "\n받는 분께 전할 인증번호: <b>{code}</b>",
    "list.earlier": "… 이전 기록 {count}개",
    "list.more": "… 외 {count}개",
    "order.timeline_title": "\n<b>진행 내역</b>",
    "order.timeline_entry": "{time} — {status} ({role} {name}){reason}",
    "order.timeline_reason": ": {reason}",
    "order.list_item": "#{number} — {status} — {price}",
    "orders.title": "<b>내 주문</b> (최신순)",
    "orders.none": "아직 주문 내역이 없습니다. 주문하려면 /order 명령어를 보내 주세요.",
    "orders.footer": "주문 #N의 상세 내용은 /status N 명령어로 확인할 수 있습니다.",
    # --- 고객 작업 (customer actions)
    "cancelled.by_you": "주문 #{number}이(가) 취소되었습니다.",
    "received.thanks": "감사합니다! 주문 #{number}이(가) 완료되었습니다.",
    # --- 매장 (store)
    "pending.title": "<b>승인 대기 중</b>",
    "pending.none": "승인을 기다리는 주문이 없습니다.",
    "approved.done": "주문 #{number}을(를) 승인했습니다.",
    "rejected.done": "주문 #{number}을(를) 거절했습니다.",
    "cancelled.by_store": "주문 #{number}을(를) 취소했습니다.",
    "reject.choose": (
        "주문 #{number}을(를) 거절하는 사유를 선택하거나, "
        "/reject {number} 사유 형식으로 보내 주세요."
    ),
    "reject_reason.busy": "현재 주문이 너무 많습니다",
    "reject_reason.area": "배달 가능 지역이 아닙니다",
    "reject_reason.parcel": "배송할 수 없는 물품입니다",
    "button.approve_n": "✅ #{number} 승인",
    "button.reject_n": "✖ #{number} 거절",
    "button.approve": "✅ 승인",
    "button.reject": "✖ 거절",
    # --- 라이더 (rider)
    "jobs.title": "<b>대기 중인 배달</b>",
    "jobs.none": "현재 대기 중인 배달이 없습니다.",
    "pending.item": "#{number} — {size}, {weight}kg{heavy} — {pickup} → {destination} — {price}",
    "jobs.item": "#{number} — {size}, {weight}kg{heavy} — {pickup} → {destination}{trip} — {price}",
    "jobs.trip": " ({km}km)",
    "area.named": "{area}",
    "area.unknown": "📍 공유된 위치",
    "myjobs.title": "<b>내 배달</b>",
    "myjobs.none": "진행 중인 배달이 없습니다. 대기 중인 배달은 /jobs 명령어로 확인하세요.",
    "myjobs.item": "#{number} — {status} — {pickup} → {destination}",
    "accepted.done": "주문 #{number}이(가) 배정되었습니다.\n{details}\n고객: {customer}",
    "picked_up.done": "주문 #{number}을(를) 픽업했습니다. 배송지: {destination}",
    "delivered.done": "주문 #{number} 배달을 완료했습니다. 수고하셨습니다!",
    "code.ask": "주문 #{number}: 받는 분이 알려 준 4자리 인증번호를 입력하세요.",
    "released.done": "주문 #{number}을(를) 반납했습니다. 다른 라이더에게 제안합니다.",
    "button.decline": "✖ 거절",
    "offer.taken": "주문 #{number}이(가) 배정되었습니다.",
    "offer.declined": "거절했습니다. 주문 #{number}은(는) 다른 라이더에게 제안합니다.",
    "rider.ask_vehicle": (
        "{name}님, 안녕하세요! 어떤 수단으로 배달하시나요? (10kg 초과 소포는 "
        "오토바이나 자동차만 가능)"
    ),
    "rider.applied": (
        "감사합니다! 지원서({vehicle})를 가게에 보냈습니다. 결과는 여기로 알려 "
        "드립니다."
    ),
    "vehicle.foot": "도보",
    "vehicle.bicycle": "자전거",
    "vehicle.motorbike": "오토바이",
    "vehicle.car": "자동차",
    "vehicle.none": "미기재",
    "rider.state.applying": "지원 중",
    "rider.state.pending": "승인 대기",
    "rider.state.active": "활동 중",
    "rider.state.declined": "거절됨",
    "rider.state.suspended": "정지됨",
    "online.done": (
        "🟢 온라인입니다. 위치를 공유해 주세요 (실시간 위치 권장). 가까운 "
        "주문부터 제안합니다."
    ),
    "online.offered": "🟢 온라인입니다. 기다리던 주문을 지금 제안해 드립니다.",
    "offline.done": "⚪ 오프라인입니다. /online 전까지 제안을 받지 않습니다.",
    "location.saved": "📍 위치를 갱신했습니다.",
    "riders.title": "<b>라이더</b>",
    "riders.none": "아직 라이더가 없습니다. /rider 로 지원할 수 있습니다.",
    "riders.item": "{name} (ID {id}) — {vehicle} — {state}{duty}",
    "riders.online": " · 🟢 온라인{seen}",
    "riders.busy": " · 배달 중",
    "riders.seen": ", {time} 확인",
    "riders.offline": " · 오프라인",
    "rider.approved_done": "{name}님이 라이더가 되었습니다.",
    "rider.declined_done": "{name}님의 지원을 거절했습니다.",
    "rider.suspended_done": "{name}님을 정지했습니다.",
    "rider.reinstated_done": "{name}님이 다시 라이더로 활동합니다.",
    "waived.done": (
        "주문 #{number}의 인증번호를 면제했습니다. 라이더가 번호 없이 완료할 "
        "수 있습니다."
    ),
    "button.accept": "🛵 #{number} 수락",
    "button.picked_up": "📦 픽업 완료",
    "button.delivered": "✅ 배달 완료",
    "button.received": "✅ 수령 확인",
    # --- 알림 (alerts, sent by the notifier)
    "alert.placed": "🧾 주문 #{number}이(가) 접수되었습니다. 매장 승인을 기다리고 있습니다.",
    "alert.new_order": (
        "🆕 <b>새 주문 #{number}</b> (주문자: {customer})\n{details}\n요금: {price}"
    ),
    "alert.approved": "👍 주문 #{number}이(가) 승인되었습니다. 라이더를 찾고 있습니다.",
    "alert.rejected": "😔 주문 #{number}이(가) 거절되었습니다. 사유: {reason}",
    "alert.assigned": (
        "🛵 주문 #{number}: 라이더 {rider_name}님{vehicle}이 픽업하러 가고 있습니다.\n"
        "인증번호: <b>{code}</b> — 받는 분께 전해 주세요. 라이더가 전달할 때 필요합니다."
    ),
    "alert.assigned_vehicle": "({vehicle})",
    "alert.released": (
        "🔄 주문 #{number}: 라이더가 배달을 반납했습니다. 다른 라이더를 찾고 "
        "있습니다."
    ),
    "alert.expired": (
        "⌛ 주문 #{number}이(가) 만료되었습니다: 가게가 제때 확인하지 못했습니다. 죄송합니다! "
        "/order 로 다시 주문해 주세요."
    ),
    "alert.expired_store": "⌛ 주문 #{number}이(가) 만료되었습니다: 제때 승인되지 않았습니다.",
    "alert.store_reminder": (
        "⏰ <b>주문 #{number}이(가) 아직 승인을 기다립니다</b> "
        "({customer})\n{details}\n금액: {price}"
    ),
    "alert.completed_auto": (
        "🎉 주문 #{number}이(가) 완료 처리되었습니다 (하루 동안 문제 신고가 "
        "없었습니다)."
    ),
    "alert.code_locked": (
        "🔒 주문 #{number}이(가) 잠겼습니다: 라이더 {rider_name}님이 "
        "인증번호를 다섯 번 틀렸습니다. "
        "받는 분과 확인한 뒤 /waive {number}"
    ),
    "alert.code_waived": (
        "🔓 주문 #{number}: 가게가 인증번호를 면제했습니다. 전달 후 /deliver "
        "{number}"
    ),
    "alert.dispatch_failed.no_rider": (
        "🙋 주문 #{number}: 배차할 라이더가 없습니다 (지금까지 {offers}명에게 제안). /jobs 에 "
        "올려 두었고, 다음에 온라인이 되는 라이더에게 제안합니다."
    ),
    "alert.dispatch_failed.rounds": (
        "🙋 주문 #{number}: 라이더 {offers}명에게 제안했지만 아무도 수락하지 "
        "않았습니다. /jobs 에 있습니다."
    ),
    "alert.offer": (
        "🛵 <b>새 배달 #{number}</b> — {size}, {weight}kg{heavy}\n"
        "픽업: {pickup}{to_pickup}\n"
        "도착: {destination}{trip}\n"
        "금액: {price} ({payment})\n"
        "⏱ {seconds}초 안에 응답 ({until}까지)"
    ),
    "alert.offer_to_pickup": " — 현재 위치에서 {km}km",
    "alert.offer_trip": " — 이동 {km}km",
    "alert.rider_request": "🙋 <b>라이더 지원</b>: {name} (ID {user_id}), {vehicle}",
    "alert.rider_approved": "✅ 라이더로 승인되었습니다! /online 으로 배달을 받으세요.",
    "alert.rider_declined": "죄송합니다. 가게가 라이더 지원을 거절했습니다.",
    "alert.rider_suspended": (
        "⛔ 가게가 라이더 활동을 정지했습니다. 자세한 내용은 가게에 문의하세요."
    ),
    "alert.rider_reinstated": "✅ 라이더 활동이 복구되었습니다. /online 으로 배달을 받으세요.",
    "alert.rider_auto_offline": (
        "⚪ 제안 세 건에 연속으로 응답하지 않아 오프라인으로 전환했습니다. 돌아오면 /online"
    ),
    "alert.picked_up": "📦 주문 #{number}이(가) 픽업되어 배송 중입니다.",
    "alert.delivered": (
        "✅ 주문 #{number}이(가) 배달되었습니다. 받는 분이 물품을 받으셨는지 확인해 주세요 "
        "(또는 /received {number} 명령어를 보내 주세요)."
    ),
    "alert.completed": "🎉 주문 #{number}이(가) 완료되었습니다. 감사합니다!",
    "alert.cancelled": "❌ {by} 측에서 주문 #{number}을(를) 취소했습니다.{reason}",
    "alert.cancelled_store": "❌ {by} 측에서 주문 #{number}을(를) 취소했습니다.{reason}",
    "alert.cancelled_rider": "❌ 배정된 주문 #{number}을(를) {by} 측에서 취소했습니다.{reason}",
    "alert.reason": " 사유: {reason}",
    # --- 거절 안내 (refusals, domain errors)
    "error.not_found": "존재하지 않는 항목입니다.",
    "error.order_not_found": "주문 #{number}을(를) 찾을 수 없습니다.",
    "error.not_allowed": "주문 #{number}에 대해 이 작업을 할 수 없습니다.",
    "error.not_your_order": "주문 #{number}은(는) 회원님의 주문이 아닙니다.",
    "error.not_your_job": "주문 #{number}은(는) 회원님에게 배정된 배달이 아닙니다.",
    "error.staff_only": "매장 직원만 할 수 있는 작업입니다.",
    "error.riders_only": "승인된 라이더만 할 수 있는 작업입니다.",
    "error.customers_only": "고객만 주문할 수 있습니다.",
    "error.invalid_transition": (
        "주문 #{number}은(는) 현재 '{status}' 상태이므로 지금은 처리할 수 없습니다."
    ),
    "error.already_taken": "죄송합니다. 주문 #{number}은(는) 방금 다른 라이더가 수락했습니다.",
    "error.already_yours": "주문 #{number}은(는) 이미 회원님에게 배정되어 있습니다.",
    "error.cannot_carry": "주문 #{number}은(는) 무거운 소포라 오토바이나 자동차가 필요합니다.",
    "error.being_offered": "주문 #{number}은(는) 지금 다른 라이더에게 제안 중입니다.",
    "error.offer_gone": "주문 #{number}에 대한 이 제안은 더 이상 유효하지 않습니다.",
    "error.offer_unknown": "유효하지 않은 제안입니다.",
    "error.release_after_pickup": "주문 #{number}은(는) 이미 픽업하여 반납할 수 없습니다.",
    "error.code_required": "받는 분의 인증번호를 함께 보내 주세요: /deliver {number} 1234",
    "error.wrong_code": "주문 #{number}의 인증번호가 틀렸습니다. 남은 기회 {left}번.",
    "error.code_locked": (
        "주문 #{number}은(는) 인증번호를 다섯 번 틀려 잠겼습니다. 가게가 "
        "처리합니다."
    ),
    "error.not_a_rider": "라이더가 아닙니다. /rider 로 지원하세요.",
    "error.rider_name": "이름을 {max}자 이내로 적어 주세요: /rider 이름",
    "error.vehicle_choose": "배달 수단 중 하나를 골라 주세요.",
    "error.rider_already_active": "이미 라이더입니다.",
    "error.rider_already_suspended": "라이더 활동이 정지된 상태입니다. 가게에 문의하세요.",
    "error.rider_application_closed": "지원이 이미 처리되었습니다. 다시 지원하려면 /rider",
    "error.rider_not_pending": "그 라이더는 {state} 상태로, 승인 대기 중이 아닙니다.",
    "error.rider_not_active": "그 라이더는 {state} 상태로, 활동 중이 아닙니다.",
    "error.rider_not_suspended": "그 라이더는 {state} 상태로, 정지 상태가 아닙니다.",
    "error.rider_not_found": "ID {id} 라이더가 없습니다.",
    "error.cancel_refused_parcel": (
        "주문 #{number}은(는) {status} 상태라 더 이상 취소할 수 없습니다. 배송은 라이더가 "
        "픽업하기 전까지만 취소할 수 있습니다. 문제가 있으면 매장에 문의해 주세요."
    ),
    "error.cancel_refused_menu": (
        "주문 #{number}은(는) {status} 상태라 더 이상 취소할 수 없습니다. 고객은 가게가 "
        "준비를 시작하기 전까지, 가게는 라이더가 픽업하기 전까지 취소할 수 있습니다. "
        "문제가 있으면 가게에 문의해 주세요."
    ),
    "error.too_many_open": (
        "이미 진행 중인 주문이 {count}개 있어요. 하나를 받으신 뒤에 다시 주문해 주세요."
    ),
    "error.too_many_orders": (
        "최근 한 시간 동안 {count}번 주문하셨어요. 잠시 후에 다시 주문해 주세요."
    ),
    "error.released_too_often": (
        "주문 #{number}을(를) {count}번 반납하셔서 이제 다른 라이더에게 넘어가요."
    ),
    "error.reason_required": "사유를 함께 보내 주세요: /cancel {number} 사유",
    "error.reject_reason_required": "사유를 함께 보내 주세요: /reject {number} 사유",
    "error.reason_too_long": "사유가 너무 길어요. {max}자 이내로 적어 주세요.",
    "error.conflict": "같은 시각에 주문이 변경되었습니다. 다시 시도해 주세요.",
    "error.size_choose": "소형, 중형, 대형 중에서 선택해 주세요.",
    "error.weight_not_number": "무게를 2.5처럼 숫자로 입력해 주세요.",
    "error.weight_positive": "무게는 0kg보다 커야 합니다.",
    "error.weight_max": "최대 {max:g}kg까지 배송할 수 있습니다.",
    "error.address_empty": "주소가 비어 있습니다. 주소를 입력하거나 위치를 공유해 주세요.",
    "error.address_too_long": "주소가 너무 길어요. {max}자 이내로 적어 주세요.",
    "error.phone_invalid": (
        "전화번호 형식이 아닌 것 같습니다. 010-1234-5678처럼 숫자로 입력해 주세요."
    ),
    "error.payment_choose": "착불 또는 선불 중에서 선택해 주세요.",
    "error.location_invalid": "올바르지 않은 위치입니다.",
    "error.location_not_expected": "여기에는 위치 대신 텍스트로 답해 주세요.",
    "error.stale_button": "이미 답변한 질문입니다.",
    "error.summary_changed": "지난 메시지라서 처리하지 않았어요.",
    "error.draft_complete": "주문 작성이 끝났습니다. 아래에서 확인 또는 취소를 눌러 주세요.",
    "error.draft_incomplete": "아직 주문 작성이 끝나지 않았습니다.",
    "error.no_draft": "작성 중인 주문이 없습니다. 주문을 시작하려면 /order 명령어를 보내 주세요.",
    "error.language_unknown": "지원하는 언어는 {choices}입니다.",
    "error.usage": "사용법: {usage}",
    "replay.done": "✓ 이미 처리됐어요.",
    "error.unexpected": "죄송합니다. 일시적인 오류가 발생했습니다. 다시 시도해 주세요.",

    # --- delivery engine and broadcasts
    "alert.delivery_failed": (
        "⚠️ 채팅 {chat_id}에 메시지를 전달하지 못했습니다 ({kind}{order}): {error}"
    ),
    "alert.delivery_failed_order": ", 주문 #{number}",
    "alert.outage_started": (
        "⚠️ {since}부터 텔레그램에 연결되지 않아 알림을 보내지 못하고 모아 두었어요. "
        "연결되면 순서대로 보내요."
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
        "다시 열릴 때까지 가게 알림은 그룹의 일반 주제로 보내요."
    ),
    "alert.store_topic_back": "✅ 가게 주제가 다시 열렸어요. 이제 가게 알림은 그 주제로 가요.",
    "alert.broadcast_report": (
        "📢 공지 #{id} {state}: {total}명 중 {sent}명 전송 · 연락 불가 {unreachable}"
        " · 실패 {failed} · 미전송 {cancelled}"
    ),
    "broadcast.message": "📢 {text}",
    "broadcast.audience.customers": "모든 고객",
    "broadcast.audience.riders": "모든 라이더",
    "broadcast.audience.all": "고객과 라이더",
    "broadcast.state.draft": "초안",
    "broadcast.state.scheduled": "예약됨",
    "broadcast.state.sending": "전송 중",
    "broadcast.state.finished": "완료",
    "broadcast.state.cancelled": "취소됨",
    "broadcast.preview": (
        "<b>공지 #{id}</b> 대상: {audience}, 수신자 {recipients}명{when}.\n"
        "다음과 같이 전송됩니다:\n\n{text}"
    ),
    "broadcast.when": ", 전송 시각 {time}",
    "broadcast.scheduled": "🕒 공지 #{id}({audience})가 {time}에 전송되도록 예약되었습니다.",
    "broadcast.progress": (
        "📤 공지 #{id}: {sent} / {total} 전송 · 연락 불가 {unreachable}"
        " · 실패 {failed} · 초당 {rate}건"
    ),
    "broadcast.finished": (
        "✅ 공지 #{id} 전송 완료: {total}명 중 {sent}명 · 연락 불가 {unreachable} · 실패 {failed}"
    ),
    "broadcast.cancelled": (
        "🛑 공지 #{id} 취소: {total}명 중 {sent}명에게 전송되었고 나머지는 전송되지 않습니다."
    ),
    "broadcast.discarded": "공지 #{id}를 취소했습니다. 아무것도 전송되지 않았습니다.",
    "broadcast.list_title": "<b>최근 공지</b>",
    "broadcast.list_item": "#{id} · {state} · {audience} · {sent}/{total} · {time}\n<i>{text}</i>",
    "broadcast.none": "아직 공지가 없습니다. /broadcast 내용",
    "button.send": "📤 전송",
    "button.schedule": "🕒 예약",
    "button.discard": "✖ 취소",
    "button.stop": "🛑 중지",
    "button.cancel_broadcast": "🛑 #{id} 취소",
    "outbox.report": (
        "<b>발송함</b>\n"
        "대기: {pending}{oldest}\n"
        "전송: {sent}\n"
        "연락 불가: {unreachable}\n"
        "실패: {failed}\n"
        "취소: {cancelled}"
    ),
    "outbox.oldest": " (가장 오래된 것: {time})",
    "outbox.failures_title": "<b>최근 실패</b>",
    "outbox.failure": "#{id} → {chat_id} · {kind} · {state}: {error}",
    "outbox.no_failures": "실패가 없습니다.",
    "mute.on": "🔕 공지를 받지 않습니다. 주문 알림은 계속 받습니다. /unmute 로 되돌릴 수 있습니다.",
    "mute.off": "🔔 공지를 다시 받습니다.",
    "error.broadcast_empty": "공지 내용이 비어 있습니다. 사용법: /broadcast [riders|all] 내용",
    "error.broadcast_too_long": "공지가 너무 길어요. {limit}자 이내로 적어 주세요.",
    "error.broadcast_in_past": "이미 지난 시각입니다.",
    "error.broadcast_state": "공지 #{id}는 {state} 상태라 지금은 할 수 없습니다.",
    "error.broadcast_not_found": "공지 #{id}가 없습니다.",
    "error.broadcast_time": "시각은 YYYY-MM-DD HH:MM 형식으로 입력해 주세요. 예: 2026-12-24 09:00",

    # --- menu orders and payments
    "menu.menu_order": "☕ 메뉴 주문",
    "place.none": "—",
    "money.stars": "⭐ {amount}",
    "money.other": "{amount} {currency} (최소 화폐 단위)",
    "menu.categories": "<b>{shop}</b> — 무엇을 드시겠어요? 카테고리를 선택해 주세요.",
    "menu.items": "<b>{category}</b> — 메뉴를 선택해 주세요.",
    "menu.sold_out_list": "\n품절: {items}",
    "menu.left": " ({left}개 남음)",
    "menu.ask_option": "{item}: {option}을(를) 선택해 주세요.",
    "menu.ask_quantity": (
        "{item}을(를) 몇 개 주문하시겠어요? 버튼을 누르거나 숫자(1–20)를 입력해 주세요."
    ),
    "menu.added": "장바구니에 담았습니다.",
    "menu.cart": "<b>장바구니</b>\n{lines}\n상품 금액: {total}",
    "menu.line": "{name}{options} × {quantity} — {total}",
    "menu.line_options": " ({options})",
    "menu.ask_fulfilment": "어떻게 받으시겠어요?",
    "menu.delivery_button": "🛵 배달",
    "menu.delivery_fee_button": "🛵 배달 (+{fee})",
    "menu.pickup_button": "🏪 매장 픽업",
    "menu.ask_address": "어디로 배달해 드릴까요? 주소를 입력하거나 위치를 공유해 주세요.",
    "menu.ask_phone": "라이더가 연락드릴 전화번호를 입력해 주세요.",
    "menu.details": "{lines}\n{how}\n결제: {payment}{paid}",
    "menu.pickup_at": "매장 픽업: {shop}",
    "menu.deliver_to": "배송지: {destination} (전화번호 {phone})",
    "menu.fee": "\n배달료: {fee}",
    "menu.paid": " (결제 완료)",
    "menu.summary": (
        "<b>주문 내역</b>\n"
        "{details}\n"
        "<b>합계: {total}</b>{charge}\n\n"
        "확인을 누르면 주문이 접수됩니다."
    ),
    "menu.charge": "\nTelegram 결제 금액: {amount}",
    "menu.back": "⬅ 뒤로",
    "menu.checkout": "🧾 주문하기",
    "menu.more": "➕ 더 담기",
    "menu.fix_cart": "\n/cancel로 장바구니를 비운 뒤 /menu로 다시 주문해 주세요.",
    "menu.abandoned": "장바구니를 비웠습니다. 다시 주문하려면 언제든지 /menu 명령어를 보내 주세요.",
    "menu.changed": (
        "그 메시지 뒤에 장바구니가 바뀌어서 처리하지 않았어요. 지금 상태를 보여 드릴게요."
    ),
    "menu.resumed": (
        "작성 중이던 주문이 있어 이어서 진행합니다. (/cancel 명령어로 삭제할 수 있습니다.)"
    ),
    "menu.parcel_only": "이 매장은 택배 배달만 받습니다. 주문하려면 /order 명령어를 보내 주세요.",
    "menu.menu_only": "이 매장은 메뉴 주문만 받습니다. 주문하려면 /menu 명령어를 보내 주세요.",
    "menu.private_only": "주문은 저와의 1:1 대화에서 /menu 명령어로 해 주세요.",
    "payment.prepaid_stars": "⭐ Telegram으로 지금 결제",
    "payment.prepaid_card": "💳 카드로 지금 결제",
    "payment.paused": (
        "\n(Telegram 결제가 몇 분간 일시 중단되었습니다. "
        "현금 결제(착불)는 가능합니다.)"
    ),
    "invoice.title": "주문 #{number}",
    "invoice.description": "{shop}: 주문 #{number}. {minutes}분 안에 결제하시면 주문이 접수됩니다.",
    "invoice.label": "주문 #{number}",
    "invoice.sent": (
        "주문 #{number}이(가) 결제를 기다리고 있습니다. 위 청구서의 결제 버튼을 눌러 주세요. "
        "결제가 확인되는 즉시 주문이 접수되며, {minutes}분 안에 결제하지 않으면 만료됩니다."
    ),
    "invoice.failed": (
        "지금은 Telegram 결제를 이용할 수 없어 주문 #{number}이(가) 아직 접수되지 않았습니다. "
        "대신 현금 결제(착불)를 선택하거나 주문을 취소할 수 있습니다."
    ),
    "button.pay_cash": "💵 현금 결제(착불)로 변경",
    "button.cancel_order": "✖ 주문 취소",
    "checkout.checkout_unknown": "진행 중인 주문의 청구서가 아닙니다.",
    "checkout.checkout_paid": "이미 결제된 주문입니다.",
    "checkout.checkout_closed": "이 주문은 만료되었거나 취소되어 더 이상 결제할 수 없습니다.",
    "checkout.checkout_amount": "금액이 변경되었습니다. 다시 주문해 주세요.",
    "payment.unmatched": (
        "주문과 연결할 수 없는 결제가 들어왔습니다. "
        "매장에 알렸으며, 매장에서 환불해 드릴 예정입니다."
    ),
    "cash_instead.done": "주문 #{number}이(가) 접수되었습니다. 결제는 현금(착불)으로 해 주세요.",
    "button.preparing": "👩‍🍳 조리 시작",
    "button.ready": "✅ 준비 완료",
    "button.handed": "🤝 전달 완료",
    "kitchen.preparing": "주문 #{number}: 조리 중입니다. 완성되면 준비 완료를 눌러 주세요.",
    "kitchen.ready_delivery": "주문 #{number}이(가) 준비되었습니다. 라이더를 찾고 있습니다.",
    "kitchen.ready_pickup": (
        "주문 #{number}이(가) 픽업 준비되었습니다. 고객에게 건넨 뒤 전달 완료를 눌러 주세요."
    ),
    "kitchen.handed": "주문 #{number}을(를) 전달했습니다. 주문이 완료되었습니다.",
    "stock.set": "{item}: 재고 {stock}",
    "stock.unlimited": "무제한",
    "stock.available": "{item}을(를) 다시 주문할 수 있습니다 (재고 {stock}).",
    "stock.sold_out": "{item}이(가) 이제 품절되었습니다.",
    "stock.cancelled": (
        " 다음 주문은 사과 안내와 함께 취소했습니다 (결제된 주문은 환불): {numbers}."
    ),
    "stock.title": "<b>메뉴</b>",
    "stock.line": "{item_key} — {name}: {state}",
    "stock.state_ok": "재고 {stock}",
    "stock.state_sold_out": "품절",
    "refund.settled": "주문 #{number}의 환불을 완료로 표시했습니다. 고객에게 안내했습니다.",
    "report.title": "<b>오늘 ({day})</b>",
    "report.body": (
        "접수된 주문: {placed}건\n"
        "완료: {completed}건\n"
        "취소·거절·만료: {ended}건\n"
        "수금한 현금: {cash} ({cash_orders}건)\n"
        "아직 수금할 현금: {cash_open} ({cash_open_orders}건)\n"
        "Telegram 결제: {prepaid} ({prepaid_orders}건)\n"
        "환불 완료 또는 진행 중: {refunds}건"
    ),
    "stats.body": (
        "오늘 주문: {total}건{by_status}\n"
        "완료: {completed}건\n"
        "취소: {cancelled}건\n"
        "오늘 배달 완료: {delivered}건\n"
        "주문부터 배달까지 평균: {average}\n"
        "지금 온라인인 라이더: {riders}명"
    ),
    "stats.status_line": "\n  · {status}: {count}건",
    "stats.minutes": "{minutes}분",
    "stats.no_average": "아직 배달 완료 없음",
    "button.collected": "💵 현금 수금 완료 ({amount})",
    "collected.done": "주문 #{number}의 현금 수금을 기록했습니다: {amount}.",
    "deliver.collect": "주문 #{number}의 현금 {amount}을(를) 받은 뒤 버튼을 눌러 주세요.",
    "alert.paid_placed": (
        "💳 결제가 완료되었습니다. 주문 #{number}이(가) 접수되어 매장 확인을 기다리고 있습니다."
    ),
    "alert.approved_menu": "👍 가게에서 주문 #{number}을(를) 수락했습니다.",
    "alert.preparing": "👩‍🍳 주문 #{number}을(를) 조리하고 있습니다.",
    "alert.ready": "✅ 주문 #{number}이(가) 준비되었습니다. 라이더가 픽업하러 가고 있습니다.",
    "alert.ready_pickup": "✅ 주문 #{number}이(가) 준비되었습니다. 매장 카운터에서 받아 가 주세요.",
    "alert.handed": "🎉 주문 #{number}이(가) 전달되었습니다. 맛있게 드세요!",
    "alert.expired_unpaid": (
        "⌛ 주문 #{number}이(가) 만료되었습니다: 제시간에 결제되지 않았습니다. "
        "청구된 금액은 없습니다."
    ),
    "alert.sold_out": (
        "😔 죄송합니다! {item}이(가) 방금 품절되어 주문 #{number}을(를) 취소했습니다."
    ),
    "alert.refund_started": "↩ 주문 #{number}: {amount}을(를) 환불하고 있습니다.",
    "alert.refund_by_store": (
        "↩ 주문 #{number}: 매장에서 {amount}을(를) 카드로 환불해 드릴 예정입니다."
    ),
    "alert.refund_to_settle": (
        "↩ 주문 #{number}은(는) 카드로 결제({amount})되어 환불이 필요합니다. "
        "결제 대행사를 통해 환불한 뒤 /refunded {number} 명령어를 보내 주세요."
    ),
    "alert.refunded": "✅ 주문 #{number}: {amount}이(가) 환불되었습니다.",
    "status.awaiting_payment": "결제 대기 중",
    "status.preparing": "조리 중",
    "status.ready": "준비 완료",
    "timeline.awaiting_payment": "결제 대기",
    "timeline.preparing": "조리 시작",
    "timeline.ready": "준비 완료",
    "order.may_cancel": "\n/cancel {number} 명령어로 취소할 수 있습니다.",
    "order.cancel_rule_parcel": "\n택배는 라이더가 픽업하기 전까지 취소할 수 있습니다.",
    "order.cancel_rule_menu": (
        "\n매장에서 조리를 시작하기 전까지 취소할 수 있습니다. "
        "그 이후에는 매장에 문의해 주세요."
    ),
    "error.cart_empty": "장바구니가 비어 있습니다. 먼저 메뉴를 선택해 주세요.",
    "error.cart_full": (
        "장바구니에는 최대 {max}개 항목까지 담을 수 있습니다. "
        "주문을 진행하거나 /cancel 명령어로 처음부터 다시 시작해 주세요."
    ),
    "error.cart_open": (
        "메뉴 주문을 작성하는 중입니다. 주문을 마치거나, 먼저 /cancel 명령어로 삭제해 주세요."
    ),
    "error.parcel_draft_open": (
        "택배 주문을 작성하는 중입니다. 주문을 마치거나, 먼저 /cancel 명령어로 삭제해 주세요."
    ),
    "error.category_unknown": "더 이상 메뉴에 없는 카테고리입니다.",
    "error.option_unknown": "더 이상 메뉴에 없는 선택 사항입니다.",
    "error.item_unknown": "메뉴에 {item}이(가) 없습니다. 목록은 /items 명령어로 확인해 주세요.",
    "error.item_key_too_long": (
        "품목 키가 너무 길어요. {max}자 이내로 적어 주세요. 목록은 /items 로 확인할 수 있어요."
    ),
    "error.item_sold_out": "죄송합니다. {item}은(는) 품절입니다.",
    "error.item_short": (
        "죄송합니다. {item}은(는) {left}개만 남았습니다. 수량을 변경해 다시 시도해 주세요."
    ),
    "error.quantity_range": "수량은 1부터 {max}까지 선택해 주세요.",
    "error.pickup_unavailable": "이 매장은 배달만 가능하며 매장 픽업은 제공하지 않습니다.",
    "error.use_buttons": "위의 버튼을 이용해 주세요.",
    "error.stock_count": "재고는 0 이상의 숫자 또는 'unlimited'로 입력해 주세요.",
    "error.handed_needs_pickup": (
        "주문 #{number}은(는) 배달 주문입니다. 라이더가 고객에게 전달합니다."
    ),
    "error.pickup_no_rider": "주문 #{number}은(는) 매장 픽업 주문이라 라이더가 배달하지 않습니다.",
    "error.not_cash": "주문 #{number}은(는) 선불 주문이라 수금할 현금이 없습니다.",
    "error.collect_after_delivery": "주문 #{number}의 현금 수금은 배달을 완료한 뒤 기록해 주세요.",
    "error.cash_already_collected": "주문 #{number}의 현금 수금은 이미 기록되었습니다.",
    "error.no_refund_to_settle": "주문 #{number}에는 처리할 카드 환불이 없습니다.",
}
